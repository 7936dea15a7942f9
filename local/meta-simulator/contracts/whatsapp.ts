/**
 * WhatsApp Cloud API: sending (a JSON body, as in every one of Meta's examples), message templates, the
 * app's subscription to a WhatsApp Business Account, and the account's numbers.
 */
import { contract } from './contract-types';

const LIST = { fields: {}, limit: { type: 'int' }, after: {} } as const;

export const WHATSAPP_CONTRACTS = {
  send: contract({
    id: 'whatsapp.messages.create',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{phone-number-id}/messages',
    pattern: '/:id/messages',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_messaging',
    encoding: 'json',
    params: {
      messaging_product: { required: true, oneOf: ['whatsapp'] },
      recipient_type: { oneOf: ['individual'] },
      to: { required: true, note: 'the wa_id (or business-scoped user id)' },
      type: {
        oneOf: [
          'text',
          'template',
          'image',
          'audio',
          'video',
          'document',
          'sticker',
          'location',
          'contacts',
          'interactive',
          'reaction',
        ],
        note: 'text when absent',
      },
      text: { type: 'json', note: '`{"body": ≤ 4,096 characters, "preview_url"?}`' },
      template: { type: 'json', note: '`{"name", "language": {"code"}, "components"?}`' },
      biz_opaque_callback_data: { note: 'echoed back on the status webhooks (≤ 512 characters)' },
    },
    rules: [
      {
        id: 'whatsapp.content-matches-type',
        says: 'the object named by `type` is present: `text.body` for text, `template.name` and `template.language.code` for a template',
        check: (a) => {
          const type = a.str('type') ?? 'text';
          if (type === 'text') {
            const body = (a.json('text') as { body?: unknown } | undefined)?.body;
            return typeof body === 'string' && body.length > 0
              ? null
              : { code: 100, message: '(#100) The parameter text[body] is required.' };
          }
          if (type === 'template') {
            const t = a.json('template') as { name?: unknown; language?: { code?: unknown } } | undefined;
            return typeof t?.name === 'string' && typeof t.language?.code === 'string'
              ? null
              : {
                  code: 100,
                  message: '(#100) The parameter template[name] and template[language][code] are required.',
                };
          }
          return null;
        },
      },
    ],
    doc: 'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages',
    notes:
      'Text: https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages/ (`Content-Type: application/json`, `Authorization: Bearer`).',
  }),
  templates: contract({
    id: 'whatsapp.waba.message_templates',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{waba-id}/message_templates',
    pattern: '/:id/message_templates',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/',
  }),
  subscribe: contract({
    id: 'whatsapp.waba.subscribed_apps.create',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{waba-id}/subscribed_apps',
    pattern: '/:id/subscribed_apps',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'form',
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/subscribed_apps/',
    notes: 'No parameters: the app receives every field it subscribed to at app level.',
  }),
  subscriptions: contract({
    id: 'whatsapp.waba.subscribed_apps',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{waba-id}/subscribed_apps',
    pattern: '/:id/subscribed_apps',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/subscribed_apps/',
    notes: 'Not called by the service.',
  }),
  waba: contract({
    id: 'whatsapp.waba',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{waba-id}',
    pattern: '/:id',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/',
  }),
  phoneNumbers: contract({
    id: 'whatsapp.waba.phone_numbers',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{waba-id}/phone_numbers',
    pattern: '/:id/phone_numbers',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/phone_numbers/',
  }),
  phoneNumber: contract({
    id: 'whatsapp.phone_number',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{phone-number-id}',
    pattern: '/:id',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/',
    notes: 'Not called by the service.',
  }),
};
