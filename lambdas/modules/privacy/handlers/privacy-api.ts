/** Tenant API: the audit log, retention settings and exports. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { loadRetention, RETENTION_SETTINGS_KEY } from '../../../platform/core/retention-policy';
import { updateSetting } from '../../../platform/core/update-setting';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { PRIVACY_OPERATIONS as OPS } from '../contracts/http';
import { getExport, requestExport } from '../core/export-data';
import { PRIVACY_MODULE } from '../module';
import { awsPrivacyApiRuntime, privacyApiWiring, type PrivacyApiRuntime } from '../wiring';

export function createHandler(rt: PrivacyApiRuntime) {
  const w = privacyApiWiring(rt);
  const settingsDeps = { settings: w.settings, audit: w.audit, clock: rt.clock, ids: rt.ids };
  return tenantApi(rt, PRIVACY_MODULE, (route) => ({
    [`GET ${API_PREFIX}/audit`]: route(OPS.listAudit, (who, { query }) => {
      const { action, target, ...page } = query;
      return w.audit.list(who.tenantId, page, { action, target });
    }),
    [`POST ${API_PREFIX}/exports`]: route(
      OPS.postExport,
      (who) => requestExport(w.exports, who.tenantId, who.actor),
      202,
    ),
    [`GET ${API_PREFIX}/exports/{id}`]: route(OPS.getExport, (who, { params }) =>
      getExport(w.exports, who.tenantId, params.id),
    ),
    [`GET ${API_PREFIX}/settings/retention`]: route(OPS.getRetention, (who) =>
      loadRetention(w.settings, who.tenantId),
    ),
    [`PUT ${API_PREFIX}/settings/retention`]: route(OPS.putRetention, async (who, { body }) => {
      const before = await loadRetention(w.settings, who.tenantId);
      await updateSetting(settingsDeps, who, RETENTION_SETTINGS_KEY, body, { before, after: body });
      return body;
    }),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsPrivacyApiRuntime, createHandler);
