/**
 * The insights module's wiring for the daily sync and the backfill worker: its counter store and backfill
 * records, its Graph slice over the shared Graph client (Meta secret), the vault, the ad accounts' pace, and
 * what it reads about connections and the campaigns made here. The insights API adds none of the Graph
 * parts (insights-api.ts).
 */
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { DynamoAdPaceStore } from '../../../platform/adapters/table/ad-pace-store';
import { busAccess } from '../../../platform/wiring/bus';
import { graphAccess } from '../../../platform/wiring/graph';
import {
  awsGraphCallerRuntime,
  awsGraphWorkerRuntime,
  type GraphCallerRuntime,
  type GraphWorkerRuntime,
} from '../../../platform/wiring/graph-caller';
import { tableAccess } from '../../../platform/wiring/table';
import { CampaignsForInsights } from '../adapters/campaigns-for-insights';
import { ConnectionsForInsights } from '../adapters/connections-for-insights';
import { DynamoBackfillStore } from '../adapters/dynamo-backfill-store';
import { DynamoInsightsStore } from '../adapters/dynamo-insights-store';
import { InsightsGraphGateway } from '../adapters/insights-graph-gateway';
import type { InsightsDeps } from '../ports';

/** The daily sync: the table, the bus, the Graph API (Meta secret) and the vault. */
export type InsightsRuntime = GraphCallerRuntime;

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

export const awsInsightsRuntime = awsGraphCallerRuntime;

/** The backfill worker: the sync's parts and its own queue (retries it times). */
export type InsightsWorkerRuntime = GraphWorkerRuntime;

export const awsInsightsWorkerRuntime = awsGraphWorkerRuntime;
