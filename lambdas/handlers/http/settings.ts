/** Tenant settings (lead status mapping, post approval rules). Each change is audited with who made it. */
import {
  LEAD_STATUS_MAPPING_KEY,
  LEAD_OPERATIONS,
  type LeadStatusMapping,
} from '../../modules/leads/contracts';
import { APPROVAL_RULES_KEY } from '../../core/publishing/manage-posts';
import type { ApprovalRule } from '../../core/publishing/post-rules';
import { updateSetting } from '../../platform/core/update-setting';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { POST_OPERATIONS } from './schemas/post-schemas';

export function createHandler(deps: AppDependencies) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, deps.config.tenantClaim);
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/settings/lead-status-mapping`]: async (event) => {
      const who = caller(event);
      parseRequest(event, LEAD_OPERATIONS.getLeadStatusMapping);
      return json(
        200,
        (await deps.settings.get<LeadStatusMapping>(who.tenantId, LEAD_STATUS_MAPPING_KEY)) ?? null,
      );
    },
    [`PUT ${API_PREFIX}/settings/lead-status-mapping`]: async (event) => {
      const who = caller(event);
      const { body } = parseRequest(event, LEAD_OPERATIONS.putLeadStatusMapping);
      await updateSetting(deps, who, LEAD_STATUS_MAPPING_KEY, body, {
        stages: Object.keys(body.stages),
        datasetId: body.datasetId,
      });
      return json(200, body);
    },
    // rules that approve posts without a person (publishing)
    [`GET ${API_PREFIX}/settings/approval-rules`]: async (event) => {
      const who = caller(event);
      parseRequest(event, POST_OPERATIONS.getApprovalRules);
      const stored = await deps.settings.get<{ rules: ApprovalRule[] }>(who.tenantId, APPROVAL_RULES_KEY);
      return json(200, stored ?? { rules: [] });
    },
    [`PUT ${API_PREFIX}/settings/approval-rules`]: async (event) => {
      const who = caller(event);
      const { body } = parseRequest(event, POST_OPERATIONS.putApprovalRules);
      await updateSetting(deps, who, APPROVAL_RULES_KEY, body, { rules: body.rules.map((r) => r.id) });
      return json(200, body);
    },
  });
}

export const handler = lazyHandler(createHandler);
