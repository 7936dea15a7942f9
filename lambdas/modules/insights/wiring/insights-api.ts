/**
 * The insights API's wiring: stored counters, backfill records (audited, then a command on the bus), the
 * campaigns made here (for the recommendations) and `Idempotency-Key` on its creates. No Graph call is made
 * from the API, so it has no Meta secret and no vault.
 */
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busAccess } from '../../../platform/wiring/bus';
import { busConfig, tableConfig, tenantApiConfig, type Env } from '../../../platform/wiring/env';
import type { BusConfig, Runtime, TableConfig, TenantApiConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { CampaignsForInsights } from '../adapters/campaigns-for-insights';
import { DynamoBackfillStore } from '../adapters/dynamo-backfill-store';
import { DynamoInsightsStore } from '../adapters/dynamo-insights-store';
import type { InsightsDeps } from '../ports';

export type InsightsApiDeps = Pick<
  InsightsDeps,
  'clock' | 'ids' | 'audit' | 'commands' | 'insights' | 'backfills' | 'campaigns'
>;

export type InsightsApiRuntime = Runtime<TableConfig & BusConfig & TenantApiConfig, 'dynamo' | 'eventBridge'>;

export function insightsApiFromRuntime(rt: InsightsApiRuntime): InsightsApiDeps {
  const { db, tableName, audit } = tableAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    audit,
    commands: busAccess(rt).commands,
    insights: new DynamoInsightsStore(db, tableName),
    backfills: new DynamoBackfillStore(db, tableName),
    campaigns: new CampaignsForInsights(db, tableName),
  };
}

export const awsInsightsApiRuntime = (env: Env = process.env): InsightsApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace, env) }),
  );
