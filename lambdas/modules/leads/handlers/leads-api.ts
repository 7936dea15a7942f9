/** Tenant API for leads: list, read, change status, erase, field mapping per form, backfill. */
import {
  changeLeadStatus,
  eraseLead,
  getFormMapping,
  getLead,
  getStatusMapping,
  listLeads,
  putFormMapping,
  putStatusMapping,
  requestBackfill,
} from '../core/manage-leads';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { LEAD_OPERATIONS as OPS } from '../contracts/http';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { awsLeadApiRuntime, leadApiFromRuntime, type LeadApiRuntime } from '../wiring';

export function createHandler(rt: LeadApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const { api: lp, httpIdempotency } = leadApiFromRuntime(rt);
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`GET ${API_PREFIX}/leads`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listLeads);
        const { limit, cursor, ...filter } = query;
        return json(200, await listLeads(lp, who.tenantId, filter, { limit, cursor }));
      },
      [`GET ${API_PREFIX}/leads/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getLead);
        return json(200, await getLead(lp, who.tenantId, params.id));
      },
      [`PATCH ${API_PREFIX}/leads/{id}`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.patchLead);
        return json(200, await changeLeadStatus(lp, who.tenantId, params.id, body.status, who.actor));
      },
      [`DELETE ${API_PREFIX}/leads/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.eraseLead);
        return json(200, await eraseLead(lp, who.tenantId, params.id, who.actor));
      },
      [`PUT ${API_PREFIX}/lead-forms/{formId}/mapping`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.putLeadFormMapping);
        return json(200, await putFormMapping(lp, who.tenantId, params.formId, body.fields, who.actor));
      },
      [`GET ${API_PREFIX}/lead-forms/{formId}/mapping`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getLeadFormMapping);
        return json(200, await getFormMapping(lp, who.tenantId, params.formId));
      },
      [`POST ${API_PREFIX}/lead-forms/{formId}/backfill`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.backfillLeadForm);
        const out = await requestBackfill(lp, who.tenantId, params.formId, new Date(body.since), who.actor);
        return json(202, out);
      },
      [`GET ${API_PREFIX}/settings/lead-status-mapping`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.getLeadStatusMapping);
        return json(200, await getStatusMapping(lp, who.tenantId));
      },
      [`PUT ${API_PREFIX}/settings/lead-status-mapping`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.putLeadStatusMapping);
        return json(200, await putStatusMapping(lp, who, body));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsLeadApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
