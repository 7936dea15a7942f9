/**
 * The notices a person gets by email when a Meta connection needs them: a few days before its token or
 * Meta's data access runs out (`connection.expiring`, at 7, 3 and 1 days), and when Meta stopped accepting
 * it (`connection.expired`). In AWS a rule on the bus sends these events to an SNS topic through an input
 * transformer (lib/constructs/connection-notices.ts); locally the same text is rendered from the same parts
 * (local/infra/notice-mailer.ts). No token, lead or message content is ever in a notice.
 */
import type { DomainEventType } from '../core/events/event-contracts';

/** literal text, or the JSON path of an event field EventBridge puts in its place */
export type NoticePart = string | { path: `$.${string}` };

const f = (path: `$.${string}`): NoticePart => ({ path });

export const CONNECTION_NOTICES: Readonly<Partial<Record<DomainEventType, readonly NoticePart[]>>> = {
  'connection.expiring': [
    'A Meta connection needs to be renewed. Connection ',
    f('$.detail.connectionId'),
    ' of tenant ',
    f('$.detail.tenantId'),
    ' stops working at ',
    f('$.detail.expiresAt'),
    ' (',
    f('$.detail.daysLeft'),
    ' days left; limited by ',
    f('$.detail.limitedBy'),
    '). Reconnect it before then (console: Connections, Reconnect). ',
    'Until it stops, leads, posts and messages keep flowing.',
  ],
  'connection.expired': [
    'A Meta connection stopped working. Meta no longer accepts the token of connection ',
    f('$.detail.connectionId'),
    ' of tenant ',
    f('$.detail.tenantId'),
    ' (',
    f('$.detail.reason'),
    '), so it was discarded. Until someone reconnects it (console: Connections, Reconnect), ',
    'no new leads, messages or figures are read from Meta for its Pages and accounts, and nothing is published.',
  ],
};

export const NOTICE_EVENTS = Object.keys(CONNECTION_NOTICES) as DomainEventType[];

/** The notice for one event, as EventBridge's input transformer writes it (a missing field is empty). */
export function renderNotice(parts: readonly NoticePart[], event: Record<string, unknown>): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      let at: unknown = event;
      for (const key of p.path.slice(2).split('.'))
        at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
      return at === undefined || at === null ? '' : String(at);
    })
    .join('');
}
