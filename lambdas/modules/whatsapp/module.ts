/**
 * The WhatsApp module as the registries see it (lambdas/app/modules.ts): its management API (number
 * registration, message templates, business profile) and the queue that takes Meta's template status
 * webhooks. Handler modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import {
  WHATSAPP_INGEST_DETAIL_TYPES,
  WHATSAPP_OPERATIONS,
  WHATSAPP_REQUEST_EXAMPLES,
  WHATSAPP_SCHEMA_NAMES,
} from './contracts';

/** The queue of `message_template_status_update` changes. */
export const TEMPLATE_STATUS_QUEUE = {
  name: 'whatsapp-template-status',
  worker: 'lambdas/modules/whatsapp/handlers/template-status.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 60,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

const NUMBER = `${API_PREFIX}/whatsapp/numbers/{phoneNumberId}`;
const ACCOUNT = `${API_PREFIX}/whatsapp/accounts/{wabaId}`;

export const WHATSAPP_MODULE = defineModule({
  name: 'whatsapp',
  http: {
    functions: {
      whatsapp: {
        entry: 'lambdas/modules/whatsapp/handlers/whatsapp-api.ts',
        description: 'Tenant API: WhatsApp number registration, message templates, business profile',
      },
    },
    routes: [
      {
        method: 'POST',
        path: `${NUMBER}/register`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'registerWhatsAppNumber',
        summary: 'Register a selected number for Cloud API use with its 6-digit two-step verification PIN',
      },
      {
        method: 'POST',
        path: `${NUMBER}/deregister`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'deregisterWhatsAppNumber',
        summary: 'Deregister a selected number from the Cloud API',
      },
      {
        method: 'GET',
        path: `${NUMBER}/profile`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'getWhatsAppBusinessProfile',
        summary: "The number's business profile, as Meta has it now",
      },
      {
        method: 'PATCH',
        path: `${NUMBER}/profile`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'updateWhatsAppBusinessProfile',
        summary: "Change fields of the number's business profile (the others stay)",
      },
      {
        method: 'GET',
        path: `${ACCOUNT}/templates`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'listWhatsAppAccountTemplates',
        summary: "A selected account's message templates as stored (refresh=true reads Meta's list first)",
      },
      {
        method: 'POST',
        path: `${ACCOUNT}/templates`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'submitWhatsAppTemplate',
        summary: 'Submit a message template for Meta review',
      },
      {
        method: 'DELETE',
        path: `${ACCOUNT}/templates/{name}`,
        fn: 'whatsapp',
        auth: 'jwt',
        operationId: 'deleteWhatsAppTemplate',
        summary: 'Delete a message template, every language of its name',
      },
    ],
    // Registration takes no Idempotency-Key: the key's record keeps a hash of the request body, and a hash
    // of a 6-digit PIN is reversed by trying a million values. Registering again is harmless at Meta.
    idempotentCreates: {
      deregisterWhatsAppNumber: { sealAnswer: false },
      submitWhatsAppTemplate: { sealAnswer: false },
      deleteWhatsAppTemplate: { sealAnswer: false },
      updateWhatsAppBusinessProfile: { sealAnswer: false },
    },
    operations: WHATSAPP_OPERATIONS,
    schemaNames: WHATSAPP_SCHEMA_NAMES,
    examples: WHATSAPP_REQUEST_EXAMPLES,
    tag: 'WhatsApp',
  },
  queues: [TEMPLATE_STATUS_QUEUE],
  busRules: [
    {
      name: 'template-status-to-whatsapp',
      source: INGEST_SOURCE,
      detailTypes: [...WHATSAPP_INGEST_DETAIL_TYPES],
      queue: TEMPLATE_STATUS_QUEUE.name,
    },
  ],
});
