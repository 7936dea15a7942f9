/** Tenant API for leads: list, read, change status, field mapping per form, backfill. */
import {
  changeLeadStatus,
  getFormMapping,
  getLead,
  listLeads,
  putFormMapping,
  requestBackfill,
} from '../core/manage-leads';
import { lazyHandler } from '../../../handlers/common/aws-dependencies';
import type { AppDependencies } from '../../../handlers/common/dependencies';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { LEAD_BACKFILL_REQUESTED, LEAD_STATUS_FEEDBACK_REQUESTED } from '../../../app/topology';
import { API_PREFIX } from '../../../app/route-table';
import { LEAD_OPERATIONS as OPS } from '../contracts/http';

export function createHandler(deps: AppDependencies) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, deps.config.tenantClaim);
  const lp = deps.leadPipeline;
  return httpHandler(deps, {
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
      const statusDeps = {
        ...lp,
        settings: deps.settings,
        commands: deps.commands,
        feedbackDetailType: LEAD_STATUS_FEEDBACK_REQUESTED,
      };
      return json(200, await changeLeadStatus(statusDeps, who.tenantId, params.id, body.status, who.actor));
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
      const out = await requestBackfill(
        { ...lp, commands: deps.commands, detailType: LEAD_BACKFILL_REQUESTED },
        who.tenantId,
        params.formId,
        new Date(body.since),
        who.actor,
      );
      return json(202, out);
    },
  });
}

export const handler = lazyHandler(createHandler);
