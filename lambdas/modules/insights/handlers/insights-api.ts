/** Tenant API: stored daily insight counters by asset, metric and date range; backfills; recommendations. */
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { INSIGHTS_OPERATIONS as OPS } from '../contracts/http';
import { getBackfill, requestBackfill } from '../core/backfill-insights';
import { recommendations } from '../core/recommendations';
import { readInsights } from '../core/sync-insights';
import {
  awsInsightsApiRuntime,
  insightsApiFromRuntime,
  type InsightsApiRuntime,
} from '../wiring/insights-api';

export function createHandler(rt: InsightsApiRuntime) {
  const { api, httpIdempotency } = insightsApiFromRuntime(rt);
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`GET ${API_PREFIX}/insights/recommendations`]: async (event) => {
        const who = callerFrom(event, rt.config.tenantClaim);
        parseRequest(event, OPS.getRecommendations);
        return json(200, { items: await recommendations(api, who.tenantId) });
      },
      [`POST ${API_PREFIX}/insights/backfill`]: async (event) => {
        const who = callerFrom(event, rt.config.tenantClaim);
        const { body } = parseRequest(event, OPS.backfillInsights);
        const range =
          body.days !== undefined
            ? { days: body.days }
            : { since: body.since!, until: body.until ?? rt.clock.now().toISOString().slice(0, 10) };
        const r = await requestBackfill(api, who, range);
        return json(202, { requestId: r.id, ...range, status: r.status });
      },
      [`GET ${API_PREFIX}/insights/backfills/{id}`]: async (event) => {
        const who = callerFrom(event, rt.config.tenantClaim);
        const { params } = parseRequest(event, OPS.getInsightsBackfill);
        return json(200, await getBackfill(api, who.tenantId, params.id));
      },
      [`GET ${API_PREFIX}/insights`]: async (event) => {
        const who = callerFrom(event, rt.config.tenantClaim);
        const { query } = parseRequest(event, OPS.getInsights);
        return json(200, await readInsights(api, who.tenantId, query));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsInsightsApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
