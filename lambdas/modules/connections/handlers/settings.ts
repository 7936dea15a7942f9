/** Tenant settings served here: the post approval rules. Each change is audited with who made it. */
import { APPROVAL_RULES_KEY, type ApprovalRule } from '../../publishing/contracts/approval-rules';
import { POST_OPERATIONS } from '../../publishing/contracts/http';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { updateSetting } from '../../../platform/core/update-setting';
import { httpHandler } from '../../../platform/handlers/http-handler';
import { tenantRoutes } from '../../../platform/handlers/tenant-route';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tableAccess } from '../../../platform/wiring/table';
import { awsSettingsRuntime, type SettingsRuntime } from '../wiring';

export function createHandler(rt: SettingsRuntime) {
  const route = tenantRoutes(rt.config.tenantClaim);
  const { settings, audit } = tableAccess(rt);
  const deps = { settings, audit, clock: rt.clock, ids: rt.ids };
  return httpHandler(rt, {
    // rules that approve posts without a person (publishing)
    [`GET ${API_PREFIX}/settings/approval-rules`]: route(
      POST_OPERATIONS.getApprovalRules,
      async (who) =>
        (await settings.get<{ rules: ApprovalRule[] }>(who.tenantId, APPROVAL_RULES_KEY)) ?? { rules: [] },
    ),
    [`PUT ${API_PREFIX}/settings/approval-rules`]: route(
      POST_OPERATIONS.putApprovalRules,
      async (who, { body }) => {
        await updateSetting(deps, who, APPROVAL_RULES_KEY, body, { rules: body.rules.map((r) => r.id) });
        return body;
      },
    ),
  });
}

export const { awsRuntime, handler } = lambdaExports(awsSettingsRuntime, createHandler);
