/**
 * Public domain events (DESIGN.md section 4). `detail` always carries the tenant, a stable id and the time
 * it happened; consumers dedupe on `eventId`. Tokens and lead PII never go into an event, with the single
 * exception of `lead.created`, whose mapped fields are the point of the event.
 */
export const DOMAIN_EVENT_TYPES = [
  'lead.created',
  'lead.status-changed',
  'connection.connected',
  'connection.expiring',
  'connection.expired',
  'connection.revoked',
  'post.approved',
  'post.published',
  'post.failed',
  'comment.received',
  'message.received',
  'reply.sent',
  'campaign.launched',
  'campaign.paused',
  'campaign.status_changed',
  'deletion.completed',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  type: DomainEventType;
  detail: T & { tenantId: string; eventId: string; occurredAt: string };
}

export function domainEvent<T extends Record<string, unknown>>(
  type: DomainEventType,
  tenantId: string,
  eventId: string,
  occurredAt: Date,
  payload: T,
): DomainEvent<T> {
  return { type, detail: { ...payload, tenantId, eventId, occurredAt: occurredAt.toISOString() } };
}
