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
import * as z from '../../platform/contracts/zod';
import {
  detailSchema,
  exampleDetail as exampleOf,
  type EventContract,
} from '../../platform/contracts/event-contract';
import { LEAD_EVENTS } from '../../modules/leads/contracts';
import { POST_EVENTS } from '../../modules/publishing/contracts/events';
import { CAMPAIGN_EVENTS } from '../../modules/ads/contracts/events';
import { INBOX_EVENTS } from '../../modules/inbox/contracts/events';
import { CONNECTION_EVENTS } from '../../modules/connections/contracts/events';
import { PRIVACY_EVENTS } from '../../modules/privacy/contracts/events';

export const EVENT_CONTRACTS = {
  ...LEAD_EVENTS,
  ...CONNECTION_EVENTS,
  ...POST_EVENTS,
  ...INBOX_EVENTS,
  ...CAMPAIGN_EVENTS,
  ...PRIVACY_EVENTS,
} as const satisfies Record<string, EventContract>;

export type DomainEventType = keyof typeof EVENT_CONTRACTS;
export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_CONTRACTS) as DomainEventType[];

/** What a producer passes: the event's own fields. */
export type EventPayload<K extends DomainEventType> = z.input<(typeof EVENT_CONTRACTS)[K]['payload']>;

/** The whole detail of one detail-type: the envelope fields and its own. */
export const eventSchema = (type: DomainEventType): z.ZodMiniObject => detailSchema(EVENT_CONTRACTS[type]);

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
