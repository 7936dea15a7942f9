/**
 * The public domain events as contracts: one zod schema per detail-type. `domainEvent()` builds every
 * event through its schema (a producer cannot publish what the contract does not say, and a field the
 * contract does not name is dropped rather than leaked), the CRM forwarder and the tests read with the
 * same schemas, and `npm run docs:events` turns them into `docs/events.md` and one JSON Schema per event.
 *
 * Detail-types are `<noun>.<verb-or-state>` with hyphens inside a part (`lead.status-changed`). Every
 * detail carries `version`: additive changes (a new optional field) keep it; anything else is a new
 * version, announced in the README. Consumers should ignore fields they do not know.
 */
import * as z from 'zod';
import {
  detailSchema,
  eventFields,
  exampleDetail as exampleOf,
  type EventContract,
} from '../../platform/contracts/event-contract';
import { LEAD_EVENTS } from '../../modules/leads/contracts';
import { POST_EVENTS } from '../../modules/publishing/contracts/events';
import { CAMPAIGN_EVENTS } from '../../modules/ads/contracts/events';
import { CONNECTION_EVENTS } from '../../modules/connections/contracts/events';
import { PRIVACY_EVENTS } from '../../modules/privacy/contracts/events';
import { CHANNELS } from '../inbox/inbox-model';
import { REPLY_TYPES } from '../inbox/reply-model';

const { id, nullableString } = eventFields;

const inboxItem = {
  conversationId: id,
  messageId: id,
  metaId: id.describe("Meta's id of the message or comment"),
  connectionId: id,
  channel: z.enum(CHANNELS),
  assetId: id.describe('the Page, Instagram account or WhatsApp phone number id'),
  kind: z.enum(['message', 'comment', 'mention', 'postback']),
  sentAt: nullableString,
};

export const EVENT_CONTRACTS = {
  ...LEAD_EVENTS,
  ...CONNECTION_EVENTS,
  ...POST_EVENTS,
  'comment.received': {
    description:
      'A person commented on (or mentioned) a selected Page or Instagram account. Ids only, no text.',
    payload: z.object({
      ...inboxItem,
      postId: nullableString,
      parentMetaId: nullableString.describe('the comment this one answers, if any'),
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
  ...CAMPAIGN_EVENTS,
  ...PRIVACY_EVENTS,
} as const satisfies Record<string, EventContract>;

export type DomainEventType = keyof typeof EVENT_CONTRACTS;
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_CONTRACTS) as DomainEventType[];

/** What a producer passes: the event's own fields. */
export type EventPayload<K extends DomainEventType> = z.input<(typeof EVENT_CONTRACTS)[K]['payload']>;

/** The whole detail of one detail-type: the envelope fields and its own. */
export const eventSchema = (type: DomainEventType): z.ZodObject => detailSchema(EVENT_CONTRACTS[type]);

export const exampleDetail = (type: DomainEventType): Record<string, unknown> =>
  exampleOf(type, EVENT_CONTRACTS[type]);

export const isDomainEventType = (t: string): t is DomainEventType => t in EVENT_CONTRACTS;

export type ContractCheck =
  | { valid: true; type: DomainEventType }
  | {
      valid: false;
      reason: 'unknown_detail_type' | 'breaks_contract' | 'fields_not_in_contract';
      issues: string[];
    };

/** For consumers and tests: does this detail, as received, keep its detail-type's contract exactly? */
export function checkEventContract(detailType: string, detail: unknown): ContractCheck {
  if (!isDomainEventType(detailType))
    return { valid: false, reason: 'unknown_detail_type', issues: [`no contract for ${detailType}`] };
  const parsed = eventSchema(detailType).safeParse(detail);
  if (!parsed.success) {
    return {
      valid: false,
      reason: 'breaks_contract',
      issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(detail)'}: ${i.message}`),
    };
  }
  // parsing drops what the contract does not name: a difference is a field it does not know
  if (canonical(parsed.data) !== canonical(detail))
    return { valid: false, reason: 'fields_not_in_contract', issues: [JSON.stringify(detail)] };
  return { valid: true, type: detailType };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
