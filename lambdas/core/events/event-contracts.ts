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
import { INBOX_EVENTS } from '../../modules/inbox/contracts/events';
import { FEATURES } from '../scopes/scope-registry';

const { id, nullableString } = eventFields;

export const EVENT_CONTRACTS = {
  ...LEAD_EVENTS,
  'connection.connected': {
    description: 'A Meta account was connected (or reconnected) after the person consented.',
    payload: z.object({
      connectionId: id,
      metaUserId: id,
      features: z.array(z.enum(FEATURES)),
      grantedScopes: z.array(z.string()),
      missingFeatures: z.array(z.enum(FEATURES)).describe('features whose permissions were not granted'),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      metaUserId: '10231947650218873',
      features: ['leads', 'inbox'],
      grantedScopes: ['leads_retrieval', 'pages_show_list', 'pages_manage_metadata', 'pages_messaging'],
      missingFeatures: [],
    },
  },
  'connection.expiring': {
    description:
      "The connection's user token or Meta's data access expires soon: sent 7, 3 and 1 days before, once each.",
    payload: z.object({
      connectionId: id,
      tokenExpiresAt: nullableString,
      dataAccessExpiresAt: nullableString,
      expiresAt: z.string().describe('whichever of the two comes first'),
      limitedBy: z.enum(['token', 'data_access']),
      daysLeft: z.number().int().min(0),
      threshold: z.number().int().describe('the warning this is: 7, 3 or 1'),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      tokenExpiresAt: '2026-11-27T08:00:00.000Z',
      dataAccessExpiresAt: '2027-02-18T08:00:00.000Z',
      expiresAt: '2026-11-27T08:00:00.000Z',
      limitedBy: 'token',
      daysLeft: 6,
      threshold: 7,
    },
  },
  'connection.expired': {
    description: 'Meta no longer accepts the connection’s token; the person must reconnect.',
    payload: z.object({ connectionId: id, reason: z.string().describe('e.g. password_changed, expired') }),
    example: { connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c', reason: 'password_changed' },
  },
  'connection.revoked': {
    description: 'The app was removed at Meta (deauthorize callback) or the tenant disconnected.',
    payload: z.object({ connectionId: id, reason: z.string() }),
    example: { connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c', reason: 'deauthorized' },
  },
  ...POST_EVENTS,
  ...INBOX_EVENTS,
  ...CAMPAIGN_EVENTS,
  'deletion.completed': {
    description: "A connection's Meta data was purged (disconnect, data deletion request).",
    payload: z.object({
      connectionId: id,
      confirmationCode: id,
      deletedItems: z.number().int().min(0),
      keptLeads: z.boolean().describe('the tenant keeps CRM leads after a disconnect'),
    }),
    example: {
      connectionId: 'con_01jg8zq0d9m2rq1c3w7z1a2b3c',
      confirmationCode: 'dlc_4f7d2a9b1c3e',
      deletedItems: 1342,
      keptLeads: false,
    },
  },
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
