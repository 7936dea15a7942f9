/**
 * Public domain events (the catalogue is docs/events.md). `detail` always carries the tenant, a stable id,
 * the time it happened and the contract version; consumers dedupe on `eventId`. Tokens and lead PII never
 * go into an event, with the single exception of `lead.created`, whose mapped fields are the point of it.
 * Every event is built through its contract (event-contracts.ts): a field the contract does not name is
 * dropped, and a detail that breaks it throws here rather than reaching a consumer.
 */
import {
  EVENT_CONTRACT_VERSION,
  eventSchema,
  type DomainEventType,
  type EventPayload,
} from './event-contracts';

export { DOMAIN_EVENT_TYPES, type DomainEventType } from './event-contracts';

export interface DomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  type: DomainEventType;
  detail: T & { tenantId: string; eventId: string; occurredAt: string; version: number };
}

export function domainEvent<K extends DomainEventType>(
  type: K,
  tenantId: string,
  eventId: string,
  occurredAt: Date,
  payload: EventPayload<K>,
): DomainEvent {
  const detail = eventSchema(type).parse({
    ...payload,
    tenantId,
    eventId,
    occurredAt: occurredAt.toISOString(),
    version: EVENT_CONTRACT_VERSION,
  }) as DomainEvent['detail'];
  return { type, detail };
}
