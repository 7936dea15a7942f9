/** Tenant API: stored daily insight counters by asset, metric and date range. */
import { readInsights } from '../../core/insights/sync-insights';
import { recommendations } from '../../core/insights/recommendations';
import { getBackfill, requestBackfill } from '../../core/insights/backfill-insights';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { INSIGHTS_OPERATIONS as OPS } from './schemas/insights-schemas';

export function createHandler(deps: AppDependencies) {
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/insights/recommendations`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      parseRequest(event, OPS.getRecommendations);
      return json(200, { items: await recommendations(deps.insightsSync, who.tenantId) });
    },
    [`POST ${API_PREFIX}/insights/backfill`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { body } = parseRequest(event, OPS.backfillInsights);
      const range =
        body.days !== undefined
          ? { days: body.days }
          : { since: body.since!, until: body.until ?? deps.clock.now().toISOString().slice(0, 10) };
      const r = await requestBackfill(deps.insightsSync, who, range);
      return json(202, { requestId: r.id, ...range, status: r.status });
    },
    [`GET ${API_PREFIX}/insights/backfills/{id}`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { params } = parseRequest(event, OPS.getInsightsBackfill);
      return json(200, await getBackfill(deps.insightsSync, who.tenantId, params.id));
    },
    [`GET ${API_PREFIX}/insights`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { query } = parseRequest(event, OPS.getInsights);
      return json(200, await readInsights(deps.insightsSync, who.tenantId, query));
    },
  });
}

export const handler = lazyHandler(createHandler);
