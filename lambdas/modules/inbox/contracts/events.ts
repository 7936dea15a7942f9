/**
 * The public events of the inbox module (docs/events.md lists them with every other module's): what a
 * person sent, and the replies carried out at Meta. Ids only, never a text. Built through
 * {@link inboxEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';
import { CHANNELS, REPLY_TYPES } from './vocabulary';

const { id, nullableString } = eventFields;

const inboxItem = {
  conversationId: id,
  messageId: id,
  metaId: id.check(z.describe("Meta's id of the message or comment")),
  connectionId: id,
  channel: z.enum(CHANNELS),
  assetId: id.check(z.describe('the Page, Instagram account or WhatsApp phone number id')),
  kind: z.enum(['message', 'comment', 'mention', 'postback']),
  sentAt: nullableString,
};

export const INBOX_EVENTS = {
  'comment.received': {
    description:
      'A person commented on (or mentioned) a selected Page or Instagram account. Ids only, no text.',
    payload: z.object({
      ...inboxItem,
      postId: nullableString,
      parentMetaId: nullableString.check(z.describe('the comment this one answers, if any')),
    }),
    example: {
      conversationId: 'cnv_01jg8zs7c0f1g2h3j4k5m6n7p8',
      messageId: 'msg_01jg8zs7c9q1r2s3t4v5w6x7y8',
      metaId: '122105550000000001_987654321',
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      channel: 'facebook_comment',
      assetId: '104729384756123',
      kind: 'comment',
      sentAt: '2026-11-20T09:14:50.000Z',
      postId: '104729384756123_122105550000000001',
      parentMetaId: null,
    },
  },
  'message.received': {
    description: 'A person sent a Messenger, Instagram or WhatsApp message. Ids only, no text.',
    payload: z.object(inboxItem),
    example: {
      conversationId: 'cnv_01jg8zs7c0f1g2h3j4k5m6n7p8',
      messageId: 'msg_01jg8zs7c9q1r2s3t4v5w6x7y8',
      metaId: 'm_AbCdEf123456',
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      channel: 'messenger',
      assetId: '104729384756123',
      kind: 'message',
      sentAt: '2026-11-20T09:14:50.000Z',
    },
  },
  'reply.sent': {
    description: 'An approved reply or moderation was carried out at Meta.',
    payload: z.object({
      replyId: id,
      conversationId: id,
      connectionId: id,
      channel: z.enum(CHANNELS),
      assetId: id,
      type: z.enum(REPLY_TYPES),
      metaId: nullableString,
      approvedBy: nullableString,
    }),
    example: {
      replyId: 'rpl_01jg8zt1a2b3c4d5e6f7g8h9j0',
      conversationId: 'cnv_01jg8zs7c0f1g2h3j4k5m6n7p8',
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      channel: 'messenger',
      assetId: '104729384756123',
      type: 'text',
      metaId: 'm_XyZ987654',
      approvedBy: 'user:alice',
    },
  },
} as const satisfies Record<string, EventContract>;

export type InboxEventType = keyof typeof INBOX_EVENTS;

export const inboxEvent = eventBuilder(INBOX_EVENTS);
