/**
 * Forwarding chosen domain events to the customer's CRM over HTTPS, with no code on their side but an
 * endpoint: an EventBridge API destination in AWS (lib/constructs/crm-webhook.ts), the local bus's
 * forwarder with `npm start` (local/infra/crm-forwarder.ts). Both follow this one description.
 *
 * The receiver authenticates each request by the `X-Connector-Token` header, a random secret the stack
 * keeps in Secrets Manager and sends through the API destination's connection (API-key authorization).
 * API destinations cannot compute a per-request HMAC, so the header is a shared secret: compare it in
 * constant time, accept only HTTPS, and deduplicate on `detail.eventId` (delivery is at least once).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html
 */
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../core/events/event-contracts';

export const CRM_TOKEN_HEADER = 'x-connector-token';
/** what EventBridge sends as User-Agent to an API destination; the local forwarder sends the same */
export const CRM_USER_AGENT = 'Amazon/EventBridge/ApiDestinations';
export const CRM_DEFAULT_EVENTS: readonly DomainEventType[] = ['lead.created'];

/**
 * EventBridge's retry policy for the target, at its maximums: 185 attempts within 24 hours, with
 * exponential backoff; then the event goes to the dead-letter queue.
 */
export const CRM_RETRY = { retryAttempts: 185, maxEventAgeSeconds: 24 * 60 * 60 } as const;
/** EventBridge gives an API destination 5 seconds to answer. */
export const CRM_TIMEOUT_MS = 5_000;
/** calls per second the API destination may make; a burst of leads waits rather than floods the CRM */
export const CRM_RATE_LIMIT_PER_SECOND = 20;

export type CrmAttemptDecision =
  | { outcome: 'delivered'; reason: 'accepted' }
  | { outcome: 'retry'; reason: 'retryable_status' | 'timeout_or_network' }
  | { outcome: 'dead_letter'; reason: 'not_retryable_status' | 'retries_exhausted' | 'too_old' };

/**
 * After one attempt: EventBridge retries 401, 407, 409, 429, 5xx and timeouts, never another 4xx, and stops
 * at the retry policy's limits.
 */
export function decideCrmAttempt(
  status: number | 'timeout_or_network',
  attempt: number,
  ageSeconds: number,
  retry: { retryAttempts: number; maxEventAgeSeconds: number } = CRM_RETRY,
): CrmAttemptDecision {
  if (typeof status === 'number' && status >= 200 && status < 300)
    return { outcome: 'delivered', reason: 'accepted' };
  const retryable = status === 'timeout_or_network' || [401, 407, 409, 429].includes(status) || status >= 500;
  if (!retryable) return { outcome: 'dead_letter', reason: 'not_retryable_status' };
  if (attempt > retry.retryAttempts) return { outcome: 'dead_letter', reason: 'retries_exhausted' };
  if (ageSeconds >= retry.maxEventAgeSeconds) return { outcome: 'dead_letter', reason: 'too_old' };
  return {
    outcome: 'retry',
    reason: status === 'timeout_or_network' ? 'timeout_or_network' : 'retryable_status',
  };
}

/** `crmEvents` / `CRM_EVENTS`: comma-separated detail-types; default `lead.created`. */
export function parseCrmEvents(value: string | readonly string[] | undefined): DomainEventType[] {
  const items = (Array.isArray(value) ? value : String(value ?? '').split(','))
    .map((s) => String(s).trim())
    .filter((s) => s !== '');
  if (items.length === 0) return [...CRM_DEFAULT_EVENTS];
  const unknown = items.filter((t) => !(DOMAIN_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new Error(`not a domain event: ${unknown.join(', ')} (see docs/events.md for the list)`);
  return [...new Set(items)] as DomainEventType[];
}

/** The CRM endpoint: https, or plain http to this machine (a local receiver). */
export function checkCrmUrl(value: string, options: { allowLoopbackHttp: boolean }): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${value}" is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(options.allowLoopbackHttp && url.protocol === 'http:' && loopback))
    throw new Error(`"${value}" must be an https URL (API destinations call HTTPS endpoints only)`);
  if (url.username || url.password)
    throw new Error('put no credentials in the URL: the token header carries them');
  return url.toString();
}
