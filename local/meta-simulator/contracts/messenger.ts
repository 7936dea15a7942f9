/**
 * Messenger Platform on the Page: the Send API (Messenger PSIDs and, through the same Page endpoint,
 * Instagram IGSIDs) and the conversations read-back.
 */
import { contract } from './contract-types';

export const MESSENGER_CONTRACTS = {
  send: contract({
    id: 'messenger.page.messages.create',
    surface: 'messenger',
    method: 'POST',
    path: '/{page-id}/messages',
    pattern: '/:id/messages',
    node: 'Page (or `me` with the Page token)',
    tokens: ['page'],
    permissions: 'pages_messaging (Messenger); instagram_basic, instagram_manage_messages (Instagram)',
    encoding: 'form',
    params: {
      recipient: { required: true, type: 'json', note: '`{"id": PSID}` or `{"id": IGSID}`' },
      message: {
        required: true,
        type: 'json',
        note: '`{"text": …}`: Messenger ≤ 2,000 characters, Instagram ≤ 1,000 bytes',
      },
      messaging_type: { oneOf: ['RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY'] },
      tag: {
        note: 'with MESSAGE_TAG: HUMAN_AGENT (7 days); CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE and POST_PURCHASE_UPDATE answer code 100 since 2026-04-27',
      },
    },
    doc: 'https://developers.facebook.com/docs/messenger-platform/reference/send-api/',
    notes:
      'Instagram replies with Facebook Login use this same endpoint with the IGSID as recipient: https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message',
  }),
  conversations: contract({
    id: 'messenger.page.conversations',
    surface: 'messenger',
    method: 'GET',
    path: '/{page-id}/conversations',
    pattern: '/:id/conversations',
    node: 'Page',
    tokens: ['page'],
    permissions: 'pages_messaging (platform=messenger); instagram_manage_messages (platform=instagram)',
    encoding: 'query',
    params: {
      platform: { oneOf: ['messenger', 'instagram'] },
      user_id: { note: 'the PSID or IGSID of the person' },
      fields: {},
      limit: { type: 'int' },
      after: {},
    },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/page/conversations/',
  }),
  messages: contract({
    id: 'messenger.conversation.messages',
    surface: 'messenger',
    method: 'GET',
    path: '/{conversation-id}/messages',
    pattern: '/:id/messages',
    node: 'Conversation',
    tokens: ['page'],
    permissions: 'pages_messaging or instagram_manage_messages',
    encoding: 'query',
    params: { fields: {}, limit: { type: 'int' }, after: {} },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/conversation/messages/',
  }),
};
