/** Tenant API: stored daily insight counters by asset, metric and date range. */
import { readInsights } from '../../core/insights/sync-insights';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../common/http-handler';
import { parseRequest } from '../common/parse-request';
import { callerFrom } from '../common/tenant-context';
import { API_PREFIX } from './route-table';
import { INSIGHTS_OPERATIONS as OPS } from './schemas/insights-schemas';

export function createHandler(deps: AppDependencies) {
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/insights`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { query } = parseRequest(event, OPS.getInsights);
      return json(200, await readInsights(deps.insightsSync, who.tenantId, query));
    },
  });
}

export const handler = lazyHandler(createHandler);
