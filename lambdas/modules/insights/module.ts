/**
 * The insights module as the registries see it (lambdas/app/modules.ts): the insights API and its routes,
 * the backfill queue and what feeds it, the daily sync. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE } from '../../platform/contracts/topology';
import {
  INSIGHTS_OPERATIONS,
  INSIGHTS_REQUEST_EXAMPLES,
  INSIGHTS_SCHEMA_NAMES,
  InsightsBackfillRequested,
} from './contracts';
import { INSIGHTS_QUEUE } from './queue';

export { INSIGHTS_QUEUE };

export const INSIGHTS_MODULE = defineModule({
  name: 'insights',
  http: {
    functions: {
      insights: {
        entry: 'lambdas/modules/insights/handlers/insights-api.ts',
        description: 'Tenant API: stored daily insight counters',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/insights/recommendations`,
        fn: 'insights',
        auth: 'jwt',
        operationId: 'getRecommendations',
        summary: 'Recommendations from stored counters, with the figures behind each',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/insights/backfill`,
        fn: 'insights',
        auth: 'jwt',
        operationId: 'backfillInsights',
        summary: 'Sync a date range (or the last N days) of insights on request',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/insights/backfills/{id}`,
        fn: 'insights',
        auth: 'jwt',
        operationId: 'getInsightsBackfill',
        summary: 'A backfill request: queued, running or completed, and what it stored',
      },
      {
        method: 'GET',
        path: `${API_PREFIX}/insights`,
        fn: 'insights',
        auth: 'jwt',
        operationId: 'getInsights',
        summary: 'Daily counters of a Page, Instagram account or campaign (unavailable metrics say so)',
      },
    ],
    idempotentCreates: { backfillInsights: { sealAnswer: false } },
    operations: INSIGHTS_OPERATIONS,
    schemaNames: INSIGHTS_SCHEMA_NAMES,
    examples: INSIGHTS_REQUEST_EXAMPLES,
    tag: 'Insights',
  },
  queues: [INSIGHTS_QUEUE],
  busRules: [
    {
      name: 'insights-jobs',
      source: INGEST_SOURCE,
      detailTypes: [InsightsBackfillRequested.detailType],
      queue: INSIGHTS_QUEUE.name,
    },
  ],
  schedules: [
    {
      name: 'insights-sync',
      rate: 'rate(1 day)',
      job: 'lambdas/modules/insights/handlers/insights-sync.ts',
    },
  ],
});
