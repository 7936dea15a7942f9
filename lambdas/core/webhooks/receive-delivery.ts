/**
 * What the webhook endpoint does before answering Meta, and nothing more: check the signature on the
 * raw bytes, parse the envelope, split it, hand every event off durably, log the delivery. Slow work
 * (Graph calls) happens in the queue workers.
 */
import type { Clock, IdGenerator, SecretsProvider } from '../ports';
import type { Metrics } from '../../platform/core/observability/metrics';
import { acceptedAppSecrets, verifyAcrossRotation } from '../meta/secret-rotation';
import { nestsDeeperThan } from './json-depth';
import { verifySignature, type SignatureCheck } from './verify-signature';
import { isHandledDetailType } from './handled-fields';
import {
  KNOWN_OBJECTS,
  WebhookEnvelope,
  ingestDetailType,
  splitEnvelope,
  type IngestEvent,
} from './webhook-envelope';

/**
 * The largest event handed to the bus (EventBridge takes 256 KB per entry, envelope fields included). A
 * change above it — a long post or comment with its attachments — cannot travel as an event; the
 * delivery's raw body is parked instead, so nothing Meta sent is lost and Meta is not made to retry a
 * delivery that would fail the same way every time.
 */
export const MAX_INGEST_EVENT_BYTES = 240_000;

/**
 * The deepest JSON a delivery may nest. Meta's payloads nest about ten levels (WhatsApp's
 * `entry[].changes[].value.messages[].interactive.list_reply` is the deepest); PutEvents processes at
 * most 1,000 (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html), and
 * `JSON.stringify` runs out of stack far below what a 10 MB body can nest. A deeper body is parked whole.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * A change's `field` becomes part of the event's detail-type (`meta.<object>.<field>`), which EventBridge
 * caps at 128 characters
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html). Meta's
 * field names are short snake_case words; anything else cannot be routed and is parked (this also keeps
 * `__proto__` out of the per-field counts, which the DynamoDB marshaller cannot store).
 */
const ROUTABLE_FIELD = /^[a-z][a-z0-9_]{0,63}$/;

/** The delivery log keeps per-field counts; a delivery naming more fields than this sums the rest. */
const MAX_LOGGED_FIELDS = 50;

export interface IngestPublisher {
  /** Must not resolve until every event is durably accepted (the 200 to Meta depends on it). */
  publishIngest(events: IngestEvent[]): Promise<void>;
}

export interface DeliveryRecord {
  deliveryId: string;
  receivedAt: string;
  object: string | null;
  entryCount: number;
  eventCount: number;
  bytes: number;
  outcome: 'accepted' | 'unrecognized';
  reason: string;
  /** per-field counts, no payload: the log holds no PII */
  fields: Record<string, number>;
  /** per-field counts of changes no worker acts on (e.g. a field the app never subscribed to) */
  dropped?: Record<string, number>;
}

export interface DeliveryLog {
  record(delivery: DeliveryRecord): Promise<void>;
  /** An authentic delivery we cannot read: kept whole (raw bytes) so nothing Meta sent is lost. */
  park(delivery: DeliveryRecord, rawBody: Buffer): Promise<void>;
}

export interface ReceiveDeps {
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretsProvider;
  ingest: IngestPublisher;
  deliveries: DeliveryLog;
  metrics: Metrics;
}

export type ReceiveOutcome =
  | { status: 401; reason: SignatureCheck['reason'] }
  | { status: 200; reason: string; deliveryId: string; eventCount: number };

export async function receiveDelivery(
  deps: ReceiveDeps,
  input: { rawBody: Buffer; signature256?: string; signature1?: string },
): Promise<ReceiveOutcome> {
  const now = deps.clock.now();
  const sig = await verifyAcrossRotation(
    deps.secrets,
    (app) =>
      verifySignature(
        input.rawBody,
        { sha256: input.signature256, sha1: input.signature1 },
        acceptedAppSecrets(app, now),
      ),
    (c) => c.reason === 'signature_mismatch',
  );
  if (!sig.valid) {
    deps.metrics.count('webhookDeliveries', { Outcome: 'signature_refused' });
    return { status: 401, reason: sig.reason };
  }

  const deliveryId = deps.ids.next('dlv');
  const base = { deliveryId, receivedAt: deps.clock.now().toISOString(), bytes: input.rawBody.length };
  if (nestsDeeperThan(input.rawBody, MAX_JSON_DEPTH)) {
    return park(deps, input.rawBody, { ...base, object: null, reason: 'body_too_deep' });
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    return park(deps, input.rawBody, { ...base, object: null, reason: 'body_not_json' });
  }
  const parsed = WebhookEnvelope.safeParse(json);
  if (!parsed.success) {
    const object = loggableObject((json as { object?: unknown } | null)?.object);
    return park(deps, input.rawBody, { ...base, object, reason: 'envelope_not_recognized' });
  }
  if (!(KNOWN_OBJECTS as readonly string[]).includes(parsed.data.object)) {
    const object = loggableObject(parsed.data.object);
    return park(deps, input.rawBody, { ...base, object, reason: 'object_not_handled' });
  }
  const { events: split } = splitEnvelope(deliveryId, parsed.data);
  // a field no detail-type can carry cannot be routed at all: its delivery is parked whole
  const unroutable = split.filter((e) => !ROUTABLE_FIELD.test(e.field)).length;
  const routable = split.filter((e) => ROUTABLE_FIELD.test(e.field));
  // what no worker acts on is dropped here, counted, so it never vanishes without a trace
  const unhandled = routable.filter((e) => !isHandledDetailType(ingestDetailType(e)));
  const handled = routable.filter((e) => isHandledDetailType(ingestDetailType(e)));
  const events = handled.filter((e) => Buffer.byteLength(JSON.stringify(e)) <= MAX_INGEST_EVENT_BYTES);
  const oversized = handled.length - events.length;
  const anyDropped = unhandled.length > 0;
  const reason =
    oversized > 0
      ? 'handed_off_oversized_parked'
      : unroutable > 0
        ? 'handed_off_unroutable_parked'
        : anyDropped
          ? handled.length > 0
            ? 'handed_off_unhandled_fields_dropped'
            : 'unhandled_fields_dropped'
          : 'handed_off';
  const record: DeliveryRecord = {
    ...base,
    object: parsed.data.object,
    entryCount: parsed.data.entry.length,
    eventCount: events.length,
    outcome: 'accepted',
    reason,
    fields: countFields(events),
    ...(anyDropped ? { dropped: countFields(unhandled) } : {}),
  };
  // both must succeed before the 200; neither depends on the other, so they run side by side
  await Promise.all([
    events.length > 0 ? deps.ingest.publishIngest(events) : Promise.resolve(),
    oversized + unroutable > 0 ? deps.deliveries.park(record, input.rawBody) : deps.deliveries.record(record),
  ]);
  deps.metrics.count('webhookDeliveries', {
    Outcome: oversized + unroutable > 0 ? 'parked' : events.length > 0 ? 'handed_off' : 'dropped',
  });
  return { status: 200, reason, deliveryId, eventCount: events.length };
}

/** The log names the object only when it is a plausible name: the log item must stay small. */
function loggableObject(object: unknown): string | null {
  return typeof object === 'string' ? object.slice(0, 64) : null;
}

function countFields(events: IngestEvent[]): Record<string, number> {
  const fields = new Map<string, number>();
  for (const e of events) {
    const key = fields.has(e.field) || fields.size < MAX_LOGGED_FIELDS ? e.field : '(other)';
    fields.set(key, (fields.get(key) ?? 0) + 1);
  }
  return Object.fromEntries(fields);
}

async function park(
  deps: ReceiveDeps,
  rawBody: Buffer,
  rec: Pick<DeliveryRecord, 'deliveryId' | 'receivedAt' | 'bytes' | 'object' | 'reason'>,
): Promise<ReceiveOutcome> {
  await deps.deliveries.park(
    { ...rec, entryCount: 0, eventCount: 0, outcome: 'unrecognized', fields: {} },
    rawBody,
  );
  deps.metrics.count('webhookDeliveries', { Outcome: 'parked' });
  return { status: 200, reason: rec.reason, deliveryId: rec.deliveryId, eventCount: 0 };
}
