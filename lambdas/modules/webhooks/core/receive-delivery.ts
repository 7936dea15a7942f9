/**
 * What the webhook endpoint does before answering Meta, and nothing more: check the signature on the
 * raw bytes, parse the envelope, split it, and hand the events off durably together with the delivery's
 * record — for a readable delivery that is the one AWS call before the 200 (a PutEvents of at most ten
 * entries); the delivery log is written after the answer by the worker that takes the record
 * (log-delivery.ts). A delivery it cannot read whole is parked (raw bytes) before the 200, so nothing
 * Meta sent is lost. Slow work (Graph calls) happens in the queue workers.
 */
import type { Clock, IdGenerator, SecretsProvider } from '../../../platform/core/ports';
import type { Metrics } from '../../../platform/core/observability/metrics';
import { acceptedAppSecrets, verifyAcrossRotation } from '../../../core/meta/secret-rotation';
import { nestsDeeperThan } from '../../../core/webhooks/json-depth';
import { verifySignature, type SignatureCheck } from '../../../core/webhooks/verify-signature';
import { isHandledDetailType } from '../../../core/webhooks/handled-fields';
import { KNOWN_OBJECTS, WebhookEnvelope, splitEnvelope } from '../../../core/webhooks/webhook-envelope';
import { ingestDetailType, type DeliveryRecord, type IngestEvent } from '../contracts';
import type { IngestHandOff, ParkedDeliveries } from '../ports';

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

export interface ReceiveDeps {
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretsProvider;
  ingest: IngestHandOff;
  parked: ParkedDeliveries;
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
  if (oversized + unroutable > 0) {
    // part of it cannot travel on the bus: the whole body is parked (with its record) before the 200,
    // beside the events that can; neither depends on the other, so they run side by side
    await Promise.all([deps.ingest.handOffEvents(events), deps.parked.park(record, input.rawBody)]);
  } else {
    // the one AWS call before the 200: the events and the record the delivery log is written from
    await deps.ingest.handOff(events, record);
  }
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
  await deps.parked.park(
    { ...rec, entryCount: 0, eventCount: 0, outcome: 'unrecognized', fields: {} },
    rawBody,
  );
  deps.metrics.count('webhookDeliveries', { Outcome: 'parked' });
  return { status: 200, reason: rec.reason, deliveryId: rec.deliveryId, eventCount: 0 };
}
