/** Tenant API: the audit log, retention settings and exports. */
import { loadRetention, RETENTION_SETTINGS_KEY } from '../../platform/core/retention-policy';
import { getExport, requestExport } from '../../core/privacy/export-data';
import { updateSetting } from '../../platform/core/update-setting';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { PRIVACY_OPERATIONS as OPS } from './schemas/privacy-schemas';

export function createHandler(deps: AppDependencies) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, deps.config.tenantClaim);
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/audit`]: async (event) => {
      const who = caller(event);
      const { query } = parseRequest(event, OPS.listAudit);
      const { action, target, ...page } = query;
      return json(200, await deps.audit.list(who.tenantId, page, { action, target }));
    },
    [`POST ${API_PREFIX}/exports`]: async (event) => {
      const who = caller(event);
      parseRequest(event, OPS.postExport);
      return json(202, await requestExport(deps.exportData, who.tenantId, who.actor));
    },
    [`GET ${API_PREFIX}/exports/{id}`]: async (event) => {
      const who = caller(event);
      const { params } = parseRequest(event, OPS.getExport);
      return json(200, await getExport(deps.exportData, who.tenantId, params.id));
    },
    [`GET ${API_PREFIX}/settings/retention`]: async (event) => {
      const who = caller(event);
      parseRequest(event, OPS.getRetention);
      return json(200, await loadRetention(deps.settings, who.tenantId));
    },
    [`PUT ${API_PREFIX}/settings/retention`]: async (event) => {
      const who = caller(event);
      const { body } = parseRequest(event, OPS.putRetention);
      const before = await loadRetention(deps.settings, who.tenantId);
      await updateSetting(deps, who, RETENTION_SETTINGS_KEY, body, { before, after: body });
      return json(200, body);
    },
  });
}

export const handler = lazyHandler(createHandler);
