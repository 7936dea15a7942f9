/**
 * The inbox worker and the comment sync: the shared stores, the vault (Page tokens), the sync state and
 * the inbox's slice of the Graph API; a token Meta refuses expires its connection. In Lambda: the table,
 * the bus, KMS and the Meta secret, and the worker's queue.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { markExpired } from '../../connections/contracts';
import { DynamoSyncState } from '../../../adapters/dynamodb/sync-state-repository';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import type { Traced } from '../../../platform/wiring/aws/traced';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busConfig, graphConfig, queueConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import { graphAccess } from '../../../platform/wiring/graph';
import type {
  BusConfig,
  GraphConfig,
  QueueConfig,
  Runtime,
  TableConfig,
} from '../../../platform/wiring/runtime';
import { InboxGraphGateway } from '../adapters/inbox-graph-gateway';
import type { InboxDeps } from '../ports';
import { inboxShared, noAssistant } from './shared';

/** The sync: the table, the bus, the vault and the Graph API (Meta secret). */
export type InboxSyncRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault'
>;

/** The worker: what the sync has, and its queue (it times its own retries). */
export type InboxWorkerRuntime = InboxSyncRuntime & Runtime<QueueConfig, 'sqs'>;

export function inboxPipelineFromRuntime(rt: InboxSyncRuntime): InboxDeps {
  const { db, tableName, deps } = inboxShared(
    rt,
    (d) => (connection, reason, actor) => markExpired(d, connection, reason, actor),
  );
  return {
    ...deps,
    vault: rt.clients.vault,
    syncState: new DynamoSyncState(db, tableName),
    inboxGraph: new InboxGraphGateway(graphAccess(rt).client),
    // the worker and the sync draft nothing
    assistant: noAssistant,
  };
}

const pipelineClients = (env: Env) => (trace: Traced) => ({
  dynamo: awsDynamo(trace),
  eventBridge: awsEventBridge(trace),
  secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
  vault: awsVault(env, trace(new KMSClient({}))),
});

export const awsInboxSyncRuntime = (env: Env = process.env): InboxSyncRuntime =>
  awsRuntimeOf(env, (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e) }), pipelineClients(env));

export const awsInboxWorkerRuntime = (env: Env = process.env): InboxWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e), ...queueConfig(e) }),
    (trace) => ({ ...pipelineClients(env)(trace), sqs: awsSqs(trace) }),
  );
