/** Tenant API: synced posts and media with their figures. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { httpHandler } from '../../../platform/handlers/http-handler';
import { tenantRoutes } from '../../../platform/handlers/tenant-route';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { CONTENT_OPERATIONS as OPS } from '../contracts/http';
import { getContent, listContent } from '../core/read-content';
import { awsContentApiRuntime, contentReadFromRuntime, type ContentApiRuntime } from '../wiring/api';

/** a date alone means its whole day (UTC) */
const isoBound = (s: string | undefined, edge: 'start' | 'end') =>
  s === undefined
    ? undefined
    : new Date(
        /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : s,
      ).toISOString();

export function createHandler(rt: ContentApiRuntime) {
  const route = tenantRoutes(rt.config.tenantClaim);
  const deps = contentReadFromRuntime(rt);
  return httpHandler(rt, {
    [`GET ${API_PREFIX}/content`]: route(OPS.listContent, (who, { query }) =>
      listContent(deps, who.tenantId, {
        ...query,
        since: isoBound(query.since, 'start'),
        until: isoBound(query.until, 'end'),
      }),
    ),
    [`GET ${API_PREFIX}/content/{id}`]: route(OPS.getContent, (who, { params }) =>
      getContent(deps, who.tenantId, params.id),
    ),
  });
}

export const { awsRuntime, handler } = lambdaExports(awsContentApiRuntime, createHandler);
