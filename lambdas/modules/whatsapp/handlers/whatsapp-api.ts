/** Tenant API for WhatsApp management: number registration, message templates, business profile. */
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { WHATSAPP_OPERATIONS as OPS } from '../contracts/http';
import { readProfile, updateProfile } from '../core/business-profile';
import { deleteTemplate, listTemplates, submitTemplate } from '../core/manage-templates';
import { deregisterNumber, registerNumber } from '../core/register-number';
import { awsWhatsAppApiRuntime, whatsappApiFromRuntime, type WhatsAppApiRuntime } from '../wiring';

const NUMBER = `${API_PREFIX}/whatsapp/numbers/{phoneNumberId}`;
const ACCOUNT = `${API_PREFIX}/whatsapp/accounts/{wabaId}`;

export function createHandler(rt: WhatsAppApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const { deps, httpIdempotency } = whatsappApiFromRuntime(rt);
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`POST ${NUMBER}/register`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.registerWhatsAppNumber);
        return json(200, await registerNumber(deps, who.tenantId, params.phoneNumberId, body.pin, who.actor));
      },
      [`POST ${NUMBER}/deregister`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.deregisterWhatsAppNumber);
        return json(200, await deregisterNumber(deps, who.tenantId, params.phoneNumberId, who.actor));
      },
      [`GET ${NUMBER}/profile`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getWhatsAppBusinessProfile);
        return json(200, await readProfile(deps, who.tenantId, params.phoneNumberId));
      },
      [`PATCH ${NUMBER}/profile`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.updateWhatsAppBusinessProfile);
        return json(200, await updateProfile(deps, who.tenantId, params.phoneNumberId, body, who.actor));
      },
      [`GET ${ACCOUNT}/templates`]: async (event) => {
        const who = caller(event);
        const { params, query } = parseRequest(event, OPS.listWhatsAppAccountTemplates);
        return json(
          200,
          await listTemplates(deps, who.tenantId, params.wabaId, { refresh: query.refresh === 'true' }),
        );
      },
      [`POST ${ACCOUNT}/templates`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.submitWhatsAppTemplate);
        return json(201, await submitTemplate(deps, who.tenantId, params.wabaId, body, who.actor));
      },
      [`DELETE ${ACCOUNT}/templates/{name}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.deleteWhatsAppTemplate);
        return json(200, await deleteTemplate(deps, who.tenantId, params.wabaId, params.name, who.actor));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsWhatsAppApiRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
