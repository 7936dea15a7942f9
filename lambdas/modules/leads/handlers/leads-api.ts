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
import { API_PREFIX } from '../../../platform/contracts/routes';
import { LEAD_OPERATIONS as OPS } from '../contracts/http';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { LEADS_MODULE } from '../module';
import { awsLeadApiRuntime, leadApiFromRuntime, type LeadApiRuntime } from '../wiring';

export function createHandler(rt: LeadApiRuntime) {
  const lp = leadApiFromRuntime(rt);
  return tenantApi(rt, LEADS_MODULE, (route) => ({
    [`GET ${API_PREFIX}/leads`]: route(OPS.listLeads, (who, { query }) => {
      const { limit, cursor, ...filter } = query;
      return listLeads(lp, who.tenantId, filter, { limit, cursor });
    }),
    [`GET ${API_PREFIX}/leads/{id}`]: route(OPS.getLead, (who, { params }) =>
      getLead(lp, who.tenantId, params.id),
    ),
    [`PATCH ${API_PREFIX}/leads/{id}`]: route(OPS.patchLead, (who, { params, body }) =>
      changeLeadStatus(lp, who.tenantId, params.id, body.status, who.actor),
    ),
    [`DELETE ${API_PREFIX}/leads/{id}`]: route(OPS.eraseLead, (who, { params }) =>
      eraseLead(lp, who.tenantId, params.id, who.actor),
    ),
    [`PUT ${API_PREFIX}/lead-forms/{formId}/mapping`]: route(
      OPS.putLeadFormMapping,
      (who, { params, body }) => putFormMapping(lp, who.tenantId, params.formId, body.fields, who.actor),
    ),
    [`GET ${API_PREFIX}/lead-forms/{formId}/mapping`]: route(OPS.getLeadFormMapping, (who, { params }) =>
      getFormMapping(lp, who.tenantId, params.formId),
    ),
    [`POST ${API_PREFIX}/lead-forms/{formId}/backfill`]: route(
      OPS.backfillLeadForm,
      (who, { params, body }) =>
        requestBackfill(lp, who.tenantId, params.formId, new Date(body.since), who.actor),
      202,
    ),
    [`GET ${API_PREFIX}/settings/lead-status-mapping`]: route(OPS.getLeadStatusMapping, (who) =>
      getStatusMapping(lp, who.tenantId),
    ),
    [`PUT ${API_PREFIX}/settings/lead-status-mapping`]: route(OPS.putLeadStatusMapping, (who, { body }) =>
      putStatusMapping(lp, who, body),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsLeadApiRuntime, createHandler);
