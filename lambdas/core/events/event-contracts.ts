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
import { CONNECTION_EVENTS } from '../../modules/connections/contracts';
import { PRIVACY_EVENTS } from '../../modules/privacy/contracts';
import { CHANNELS } from '../inbox/inbox-model';
import { REPLY_TYPES } from '../inbox/reply-model';

const { id, nullableString } = eventFields;

const campaignRef = {
  campaignId: id,
  metaCampaignId: nullableString,
  adAccountId: id,
};

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
  'post.approved': {
    description: 'A post was approved by a person or a rule; it is published at `scheduledAt` (or now).',
    payload: z.object({
      postId: id,
      approvedBy: z.string(),
      ruleId: nullableString,
      scheduledAt: nullableString,
    }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      approvedBy: 'user:alice',
      ruleId: null,
      scheduledAt: '2026-12-05T08:00:00.000Z',
    },
  },
  'post.published': {
    description: 'One target of a post was published at Meta.',
    payload: z.object({
      postId: id,
      target: z.string().describe('`facebook_page:<id>` or `instagram_account:<id>`'),
      metaId: nullableString.describe("Meta's id of the post; null when Meta confirmed it without one"),
      permalink: nullableString,
    }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      target: 'facebook_page:104729384756123',
      metaId: '104729384756123_122105550000000001',
      permalink: 'https://www.facebook.com/104729384756123/posts/122105550000000001',
    },
  },
  'post.failed': {
    description: 'One target of a post could not be published; `reason` is a stable code.',
    payload: z.object({ postId: id, target: z.string(), reason: z.string(), message: z.string() }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      target: 'instagram_account:17841405822304914',
      reason: 'publishing_limit_reached',
      message: 'Instagram allows 100 API-published posts in 24 hours for this account',
    },
  },
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
  'campaign.launched': {
    description: 'A campaign was started (or resumed) at Meta through the API.',
    payload: z.object({ ...campaignRef, resumed: z.boolean() }),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
      resumed: false,
    },
  },
  'campaign.paused': {
    description: 'A campaign was paused at Meta through the API.',
    payload: z.object(campaignRef),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
    },
  },
  'campaign.status-changed': {
    description:
      "Meta's effective status or delivery issues of a campaign changed (status sync, every 15 minutes). " +
      'Was `campaign.status_changed` before version 1 of the contracts.',
    payload: z.object({
      ...campaignRef,
      from: nullableString.describe("Meta's effective status before; null on the first sync"),
      to: z.string(),
      issues: z.array(z.string()),
      spend: z.number().describe('lifetime spend in the account currency (major units)'),
      statusNow: z
        .enum(['active', 'paused'])
        .optional()
        .describe('set when the campaign followed a change made in Ads Manager'),
    }),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
      from: 'ACTIVE',
      to: 'CAMPAIGN_PAUSED',
      issues: [],
      spend: 84.2,
      statusNow: 'paused',
    },
  },
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
