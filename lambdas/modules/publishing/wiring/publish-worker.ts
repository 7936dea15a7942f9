/**
 * The publishing module's wiring for the publish worker: the post store, the bus, its Graph slice over the
 * shared Graph client (Meta secret), the vault, and what it reads about connections.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busAccess } from '../../../platform/wiring/bus';
import { busConfig, graphConfig, queueConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import { graphAccess } from '../../../platform/wiring/graph';
import type {
  BusConfig,
  GraphConfig,
  QueueConfig,
  Runtime,
  TableConfig,
} from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { ConnectionsForPublishing } from '../adapters/connections-for-publishing';
import { DynamoPostStore } from '../adapters/dynamo-post-store';
import { PublishingGraphGateway } from '../adapters/publishing-graph-gateway';
import type { PublishDeps } from '../ports';

/** The publish worker: table, bus, the Graph API (Meta secret), the vault, its queue. */
export type PublishRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig & QueueConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault' | 'sqs'
>;

export function publishFromRuntime(rt: PublishRuntime): PublishDeps {
  const { db, tableName, audit } = tableAccess(rt);
  const { events } = busAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    vault: rt.clients.vault,
    events,
    audit,
    metrics: rt.telemetry.metrics,
    posts: new DynamoPostStore(db, tableName),
    connections: new ConnectionsForPublishing({
      connections: new DynamoConnectionStore(db, tableName),
      events,
      audit,
      clock: rt.clock,
      ids: rt.ids,
    }),
    graph: new PublishingGraphGateway(graphAccess(rt).client),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

export const awsPublishRuntime = (env: Env = process.env): PublishRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e), ...queueConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace),
      sqs: awsSqs(trace),
      secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
      vault: awsVault(env, trace(new KMSClient({}))),
    }),
  );
