/**
 * The insights module's wiring for the daily sync and the backfill worker: its counter store and backfill
 * records, its Graph slice over the shared Graph client (Meta secret), the vault, the ad accounts' pace, and
 * what it reads about connections and the campaigns made here. The insights API adds none of the Graph
 * parts (insights-api.ts).
 */
import { DynamoAdPaceStore } from '../../../platform/adapters/table/ad-pace-store';
import { graphAccess } from '../../../platform/wiring/graph';
import {
  awsGraphCallerRuntime,
  awsGraphWorkerRuntime,
  type GraphCallerRuntime,
  type GraphWorkerRuntime,
} from '../../../platform/wiring/graph-caller';
import { tableAndBus } from '../../../platform/wiring/table-and-bus';
import { CampaignsForInsights } from '../adapters/campaigns-for-insights';
import { ConnectionsForInsights } from '../adapters/connections-for-insights';
import { DynamoBackfillStore } from '../adapters/dynamo-backfill-store';
import { DynamoInsightsStore } from '../adapters/dynamo-insights-store';
import { InsightsGraphGateway } from '../adapters/insights-graph-gateway';
import type { InsightsDeps } from '../ports';

/** The daily sync: the table, the bus, the Graph API (Meta secret) and the vault. */
export type InsightsRuntime = GraphCallerRuntime;

export function insightsFromRuntime(rt: InsightsRuntime): InsightsDeps {
  const p = tableAndBus(rt);
  return {
    ...p,
    vault: rt.clients.vault,
    insights: new DynamoInsightsStore(p.db, p.tableName),
    backfills: new DynamoBackfillStore(p.db, p.tableName),
    campaigns: new CampaignsForInsights(p.db, p.tableName),
    connections: ConnectionsForInsights.inTable(p),
    graph: new InsightsGraphGateway(graphAccess(rt).client),
    paces: new DynamoAdPaceStore(p.db, p.tableName),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

export const awsInsightsRuntime = awsGraphCallerRuntime;

/** The backfill worker: the sync's parts and its own queue (retries it times). */
export type InsightsWorkerRuntime = GraphWorkerRuntime;

export const awsInsightsWorkerRuntime = awsGraphWorkerRuntime;
