/**
 * The insights module's wiring for the daily sync and the backfill worker: its counter store and backfill
 * records, its Graph slice over the shared Graph client (Meta secret), the vault, the ad accounts' pace, and
 * what it reads about connections and the campaigns made here. The insights API adds none of the Graph
 * parts (insights-api.ts).
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { DynamoAdPaceStore } from '../../../platform/adapters/table/ad-pace-store';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsVault } from '../../../platform/wiring/aws/kms-vault';
import { awsMetaSecrets } from '../../../platform/wiring/aws/meta-secrets';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import type { Traced } from '../../../platform/wiring/aws/traced';
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
import { CampaignsForInsights } from '../adapters/campaigns-for-insights';
import { ConnectionsForInsights } from '../adapters/connections-for-insights';
import { DynamoBackfillStore } from '../adapters/dynamo-backfill-store';
import { DynamoInsightsStore } from '../adapters/dynamo-insights-store';
import { InsightsGraphGateway } from '../adapters/insights-graph-gateway';
import type { InsightsDeps } from '../ports';

/** The daily sync: the table, the bus, the Graph API (Meta secret) and the vault. */
export type InsightsRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault'
>;

export function insightsFromRuntime(rt: InsightsRuntime): InsightsDeps {
  const { db, tableName, audit } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    vault: rt.clients.vault,
    audit,
    commands,
    metrics: rt.telemetry.metrics,
    insights: new DynamoInsightsStore(db, tableName),
    backfills: new DynamoBackfillStore(db, tableName),
    campaigns: new CampaignsForInsights(db, tableName),
    connections: new ConnectionsForInsights({
      connections: new DynamoConnectionStore(db, tableName),
      events,
      audit,
      clock: rt.clock,
      ids: rt.ids,
    }),
    graph: new InsightsGraphGateway(graphAccess(rt).client),
    paces: new DynamoAdPaceStore(db, tableName),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

const awsSyncClients = (env: Env) => (trace: Traced) => ({
  dynamo: awsDynamo(trace),
  eventBridge: awsEventBridge(trace),
  secrets: awsMetaSecrets(env, trace(new SecretsManagerClient({}))),
  vault: awsVault(env, trace(new KMSClient({}))),
});

export const awsInsightsRuntime = (env: Env = process.env): InsightsRuntime =>
  awsRuntimeOf(env, (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e) }), awsSyncClients(env));

/** The backfill worker: the sync's parts and its own queue (retries it times). */
export type InsightsWorkerRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig & QueueConfig,
  'dynamo' | 'eventBridge' | 'secrets' | 'vault' | 'sqs'
>;

export const awsInsightsWorkerRuntime = (env: Env = process.env): InsightsWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...graphConfig(e), ...queueConfig(e) }),
    (trace) => ({ ...awsSyncClients(env)(trace), sqs: awsSqs(trace) }),
  );
