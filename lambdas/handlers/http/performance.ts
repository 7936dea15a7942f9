/** Tenant API: synced posts and media with their figures. */
import { getContent, listContent } from '../../core/content/read-content';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { CONTENT_OPERATIONS as OPS } from './schemas/content-schemas';

/** a date alone means its whole day (UTC) */
const isoBound = (s: string | undefined, edge: 'start' | 'end') =>
  s === undefined
    ? undefined
    : new Date(
        /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : s,
      ).toISOString();

export function createHandler(deps: AppDependencies) {
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/content`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { query } = parseRequest(event, OPS.listContent);
      return json(
        200,
        await listContent(deps.content, who.tenantId, {
          ...query,
          since: isoBound(query.since, 'start'),
          until: isoBound(query.until, 'end'),
        }),
      );
    },
    [`GET ${API_PREFIX}/content/{id}`]: async (event) => {
      const who = callerFrom(event, deps.config.tenantClaim);
      const { params } = parseRequest(event, OPS.getContent);
      return json(200, await getContent(deps.content, who.tenantId, params.id));
    },
  });
}

export const handler = lazyHandler(createHandler);
