/** Tenant API for WhatsApp management: number registration, message templates, business profile. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { WHATSAPP_OPERATIONS as OPS } from '../contracts/http';
import { readProfile, updateProfile } from '../core/business-profile';
import { deleteTemplate, listTemplates, submitTemplate } from '../core/manage-templates';
import { deregisterNumber, registerNumber } from '../core/register-number';
import { WHATSAPP_MODULE } from '../module';
import { awsWhatsAppApiRuntime, whatsappFromRuntime, type WhatsAppApiRuntime } from '../wiring';

const NUMBER = `${API_PREFIX}/whatsapp/numbers/{phoneNumberId}`;
const ACCOUNT = `${API_PREFIX}/whatsapp/accounts/{wabaId}`;

export function createHandler(rt: WhatsAppApiRuntime) {
  const deps = whatsappFromRuntime(rt);
  return tenantApi(rt, WHATSAPP_MODULE, (route) => ({
    [`POST ${NUMBER}/register`]: route(OPS.registerWhatsAppNumber, (who, { params, body }) =>
      registerNumber(deps, who.tenantId, params.phoneNumberId, body.pin, who.actor),
    ),
    [`POST ${NUMBER}/deregister`]: route(OPS.deregisterWhatsAppNumber, (who, { params }) =>
      deregisterNumber(deps, who.tenantId, params.phoneNumberId, who.actor),
    ),
    [`GET ${NUMBER}/profile`]: route(OPS.getWhatsAppBusinessProfile, (who, { params }) =>
      readProfile(deps, who.tenantId, params.phoneNumberId),
    ),
    [`PATCH ${NUMBER}/profile`]: route(OPS.updateWhatsAppBusinessProfile, (who, { params, body }) =>
      updateProfile(deps, who.tenantId, params.phoneNumberId, body, who.actor),
    ),
    [`GET ${ACCOUNT}/templates`]: route(OPS.listWhatsAppAccountTemplates, (who, { params, query }) =>
      listTemplates(deps, who.tenantId, params.wabaId, { refresh: query.refresh === 'true' }),
    ),
    [`POST ${ACCOUNT}/templates`]: route(
      OPS.submitWhatsAppTemplate,
      (who, { params, body }) => submitTemplate(deps, who.tenantId, params.wabaId, body, who.actor),
      201,
    ),
    [`DELETE ${ACCOUNT}/templates/{name}`]: route(OPS.deleteWhatsAppTemplate, (who, { params }) =>
      deleteTemplate(deps, who.tenantId, params.wabaId, params.name, who.actor),
    ),
  }));
}

export const { awsRuntime, handler } = lambdaExports(awsWhatsAppApiRuntime, createHandler);
