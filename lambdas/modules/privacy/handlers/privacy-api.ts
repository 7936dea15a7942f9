/** Tenant API: the audit log, retention settings and exports. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { loadRetention, RETENTION_SETTINGS_KEY } from '../../../platform/core/retention-policy';
import { updateSetting } from '../../../platform/core/update-setting';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { PRIVACY_OPERATIONS as OPS } from '../contracts/http';
import { getExport, requestExport } from '../core/export-data';
import { awsPrivacyApiRuntime, privacyApiWiring, type PrivacyApiRuntime } from '../wiring';

export function createHandler(rt: PrivacyApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const w = privacyApiWiring(rt);
  const settingsDeps = { settings: w.settings, audit: w.audit, clock: rt.clock, ids: rt.ids };
  return httpHandler(
    { ...rt, httpIdempotency: w.httpIdempotency },
    {
      [`GET ${API_PREFIX}/audit`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listAudit);
        const { action, target, ...page } = query;
        return json(200, await w.audit.list(who.tenantId, page, { action, target }));
      },
      [`POST ${API_PREFIX}/exports`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.postExport);
        return json(202, await requestExport(w.exports, who.tenantId, who.actor));
      },
      [`GET ${API_PREFIX}/exports/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getExport);
        return json(200, await getExport(w.exports, who.tenantId, params.id));
      },
      [`GET ${API_PREFIX}/settings/retention`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.getRetention);
        return json(200, await loadRetention(w.settings, who.tenantId));
      },
      [`PUT ${API_PREFIX}/settings/retention`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.putRetention);
        const before = await loadRetention(w.settings, who.tenantId);
        await updateSetting(settingsDeps, who, RETENTION_SETTINGS_KEY, body, { before, after: body });
        return json(200, body);
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsPrivacyApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
