/**
 * What a public domain event is, for every module that publishes one: a detail-type with a zod schema
 * of its own fields, a description and a realistic example. The envelope fields every detail carries
 * (tenant, a stable id, the time, the contract version) are added here, once. A module declares its
 * events in its `contracts/`, builds them with {@link eventBuilder}, and the event catalogue
 * (`npm run docs:events`) lists them with the others.
 *
 * Detail-types are `<noun>.<verb-or-state>` with hyphens inside a part (`lead.status-changed`). Every
 * detail carries `version`: additive changes (a new optional field) keep it; anything else is a new
 * version, announced in the README. Consumers should ignore fields they do not know.
 */
import * as z from './zod';

/** The version of every contract; bump one contract's own `version` when it changes incompatibly. */
export const EVENT_CONTRACT_VERSION = 1;

/** Field types the contracts share. */
export const eventFields = {
  id: z.string().check(z.minLength(1)),
  isoTime: z.iso.datetime({ offset: true }),
  nullableString: z.nullable(z.string()),
};

/** What every detail carries besides its own fields. */
export const EventEnvelopeFields = {
  tenantId: eventFields.id.check(z.describe('the tenant the event belongs to')),
  eventId: eventFields.id.check(
    z.describe('stable per occurrence: deduplicate on it (a retry re-sends the same id)'),
  ),
  occurredAt: eventFields.isoTime.check(z.describe('when it happened (ISO 8601, UTC)')),
  version: z.number().check(z.int(), z.positive(), z.describe('contract version of this detail-type')),
};

export interface EventContract {
  description: string;
  /** the event's own fields (the envelope fields are added by {@link detailSchema}) */
  payload: z.ZodMiniObject;
  /** a realistic detail, checked against the schema by a test */
  example: Record<string, unknown>;
}

export interface DomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  detail: T & { tenantId: string; eventId: string; occurredAt: string; version: number };
}

const details = new WeakMap<EventContract, z.ZodMiniObject>();

/** The whole detail of one contract: the envelope fields and its own. */
export function detailSchema(contract: EventContract): z.ZodMiniObject {
  let s = details.get(contract);
  if (!s) {
    s = z.extend(contract.payload, EventEnvelopeFields);
    details.set(contract, s);
  }
  return s;
}

/** The contract's example with the envelope fields filled in, as a consumer receives it. */
export function exampleDetail(type: string, contract: EventContract): Record<string, unknown> {
  return {
    ...contract.example,
    tenantId: 'acme',
    eventId: `${type}:evt_01jg8zq6m4d2v9v1rt3y3z7x6k`,
    occurredAt: '2026-11-20T09:15:02.000Z',
    version: EVENT_CONTRACT_VERSION,
  };
}

/**
 * Builds events of these contracts: a producer cannot publish what its contract does not say, a field
 * the contract does not name is dropped rather than leaked, and a detail that breaks it throws here
 * rather than reaching a consumer.
 */
export function eventBuilder<C extends Record<string, EventContract>>(contracts: C) {
  return <K extends keyof C & string>(
    type: K,
    tenantId: string,
    eventId: string,
    occurredAt: Date,
    payload: z.input<C[K]['payload']>,
  ): DomainEvent => {
    const detail = detailSchema(contracts[type]!).parse({
      ...payload,
      tenantId,
      eventId,
      occurredAt: occurredAt.toISOString(),
      version: EVENT_CONTRACT_VERSION,
    }) as DomainEvent['detail'];
    return { type, detail };
  };
}
