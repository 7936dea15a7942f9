/**
 * Public domain events (the catalogue is docs/events.md). `detail` always carries the tenant, a stable id,
 * the time it happened and the contract version; consumers dedupe on `eventId`. Tokens and lead PII never
 * go into an event, with the single exception of `lead.created`, whose mapped fields are the point of it.
 * Every event is built through its contract (event-contracts.ts, platform/contracts/event-contract.ts).
 */
import { eventBuilder } from '../../platform/contracts/event-contract';
import { EVENT_CONTRACTS } from './event-contracts';

export type { DomainEvent } from '../../platform/contracts/event-contract';
export { DOMAIN_EVENT_TYPES, type DomainEventType } from './event-contracts';

export const domainEvent = eventBuilder(EVENT_CONTRACTS);
