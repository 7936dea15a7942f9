/**
 * WhatsApp Cloud API: sending (a JSON body, as in every one of Meta's examples), message templates, the
 * app's subscription to a WhatsApp Business Account, and the account's numbers; the management calls of
 * the whatsapp module: number registration, template creation and deletion, the business profile.
 */
import { contract } from './contract-types';

const LIST = { fields: {}, limit: { type: 'int' }, after: {} } as const;

const REGISTRATION_DOC =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/registration/';
const TEMPLATES_DOC =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview';
const PROFILE_DOC =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/business-profiles';
const VERTICALS = [
  'UNDEFINED',
  'OTHER',
  'AUTO',
  'BEAUTY',
  'APPAREL',
  'EDU',
  'ENTERTAIN',
  'EVENT_PLAN',
  'FINANCE',
  'GROCERY',
  'GOVT',
  'HOTEL',
  'HEALTH',
  'NONPROFIT',
  'PROF_SERVICES',
  'RETAIL',
  'TRAVEL',
  'RESTAURANT',
  'ALCOHOL',
  'ONLINE_GAMBLING',
  'PHYSICAL_GAMBLING',
  'OTC_DRUGS',
] as const;

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
  register: contract({
    id: 'whatsapp.phone_number.register',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{phone-number-id}/register',
    pattern: '/:id/register',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'json',
    params: {
      messaging_product: { required: true, oneOf: ['whatsapp'] },
      pin: {
        required: true,
        note: "the number's 6-digit two-step verification PIN; on a number without one, sets it",
      },
      data_localization_region: { note: 'optional local storage region (ISO 3166 alpha-2)' },
    },
    doc: REGISTRATION_DOC,
    notes:
      'At most 10 registration requests per number in a 72-hour moving window (error 133016). A PIN other than the one set is refused (133005).',
  }),
  deregister: contract({
    id: 'whatsapp.phone_number.deregister',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{phone-number-id}/deregister',
    pattern: '/:id/deregister',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'form',
    doc: 'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/registration',
    notes: 'No parameters. Counts towards the same 10-in-72-hours limit as registration.',
  }),
  createTemplate: contract({
    id: 'whatsapp.waba.message_templates.create',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{waba-id}/message_templates',
    pattern: '/:id/message_templates',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'json',
    params: {
      name: { required: true, note: 'lower-case letters, digits and underscores; at most 512 characters' },
      language: { required: true, note: 'language and locale code, e.g. `en_US`' },
      category: { required: true, oneOf: ['MARKETING', 'UTILITY', 'AUTHENTICATION'] },
      allow_category_change: { type: 'bool' },
      parameter_format: { oneOf: ['POSITIONAL', 'NAMED'] },
      components: {
        required: true,
        type: 'json',
        note: 'HEADER ≤ 60 characters, BODY ≤ 1,024, FOOTER ≤ 60, BUTTONS ≤ 10; variables need examples',
      },
    },
    doc: TEMPLATES_DOC,
    notes:
      'Components: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/components/ . Answers `{id, status, category}`; at most 100 creations per account per hour.',
  }),
  deleteTemplate: contract({
    id: 'whatsapp.waba.message_templates.delete',
    surface: 'whatsapp',
    method: 'DELETE',
    path: '/{waba-id}/message_templates',
    pattern: '/:id/message_templates',
    node: 'WhatsAppBusinessAccount',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: {
      name: { required: true, note: 'deletes every language of the name' },
      hsm_id: { note: 'with the name: deletes that one template only' },
    },
    doc: TEMPLATES_DOC,
  }),
  businessProfile: contract({
    id: 'whatsapp.phone_number.whatsapp_business_profile',
    surface: 'whatsapp',
    method: 'GET',
    path: '/{phone-number-id}/whatsapp_business_profile',
    pattern: '/:id/whatsapp_business_profile',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'query',
    params: { fields: {} },
    doc: PROFILE_DOC,
    notes: 'Answers `{data: [profile]}`.',
  }),
  updateBusinessProfile: contract({
    id: 'whatsapp.phone_number.whatsapp_business_profile.update',
    surface: 'whatsapp',
    method: 'POST',
    path: '/{phone-number-id}/whatsapp_business_profile',
    pattern: '/:id/whatsapp_business_profile',
    node: 'WhatsApp business phone number',
    tokens: ['user'],
    permissions: 'whatsapp_business_management',
    encoding: 'json',
    params: {
      messaging_product: { required: true, oneOf: ['whatsapp'] },
      about: { note: '1–139 characters' },
      address: { note: '≤ 256 characters' },
      description: { note: '≤ 512 characters' },
      email: { note: 'a valid address, ≤ 128 characters' },
      websites: { type: 'json', note: 'at most 2 URLs with http:// or https://, ≤ 256 characters each' },
      vertical: { oneOf: VERTICALS },
      profile_picture_handle: { note: 'a handle from the Resumable Upload API' },
    },
    doc: PROFILE_DOC,
  }),
};
