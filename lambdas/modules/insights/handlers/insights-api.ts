/** Tenant API: stored daily insight counters by asset, metric and date range; backfills; recommendations. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { INSIGHTS_OPERATIONS as OPS } from '../contracts/http';
import { getBackfill, requestBackfill } from '../core/backfill-insights';
import { recommendations } from '../core/recommendations';
import { readInsights } from '../core/sync-insights';
import { INSIGHTS_MODULE } from '../module';
import {
  awsInsightsApiRuntime,
  insightsApiFromRuntime,
  type InsightsApiRuntime,
} from '../wiring/insights-api';

export function createHandler(rt: InsightsApiRuntime) {
  const api = insightsApiFromRuntime(rt);
  return tenantApi(rt, INSIGHTS_MODULE, (route) => ({
    [`GET ${API_PREFIX}/insights/recommendations`]: route(OPS.getRecommendations, async (who) => ({
      items: await recommendations(api, who.tenantId),
    })),
    [`POST ${API_PREFIX}/insights/backfill`]: route(
      OPS.backfillInsights,
      async (who, { body }) => {
        const range =
          body.days !== undefined
            ? { days: body.days }
            : { since: body.since!, until: body.until ?? rt.clock.now().toISOString().slice(0, 10) };
        const r = await requestBackfill(api, who, range);
        return { requestId: r.id, ...range, status: r.status };
      },
      202,
    ),
    [`GET ${API_PREFIX}/insights/backfills/{id}`]: route(OPS.getInsightsBackfill, (who, { params }) =>
      getBackfill(api, who.tenantId, params.id),
    ),
    [`GET ${API_PREFIX}/insights`]: route(OPS.getInsights, (who, { query }) =>
      readInsights(api, who.tenantId, query),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsInsightsApiRuntime, createHandler);
