/**
 * What the webhook endpoint does before answering Meta, and nothing more: check the signature on the
 * raw bytes, parse the envelope, split it, hand every event off durably, log the delivery. Slow work
 * (Graph calls) happens in the queue workers.
 */
import type { Clock, IdGenerator, SecretsProvider } from '../ports';
import { acceptedAppSecrets, verifyAcrossRotation } from '../meta/secret-rotation';
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
  if (!sig.valid) return { status: 401, reason: sig.reason };

  const deliveryId = deps.ids.next('dlv');
  const base = { deliveryId, receivedAt: deps.clock.now().toISOString(), bytes: input.rawBody.length };
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    return park(deps, input.rawBody, { ...base, object: null, reason: 'body_not_json' });
  }
  const parsed = WebhookEnvelope.safeParse(json);
  if (!parsed.success) {
    const object =
      typeof (json as { object?: unknown })?.object === 'string' ? (json as { object: string }).object : null;
    return park(deps, input.rawBody, { ...base, object, reason: 'envelope_not_recognized' });
  }
  if (!(KNOWN_OBJECTS as readonly string[]).includes(parsed.data.object)) {
    return park(deps, input.rawBody, { ...base, object: parsed.data.object, reason: 'object_not_handled' });
  }
  const { events: split } = splitEnvelope(deliveryId, parsed.data);
  // what no worker acts on is dropped here, counted, so it never vanishes without a trace
  const dropped: Record<string, number> = {};
  const handled = split.filter((e) => {
    if (isHandledDetailType(ingestDetailType(e))) return true;
    dropped[e.field] = (dropped[e.field] ?? 0) + 1;
    return false;
  });
  const events = handled.filter((e) => Buffer.byteLength(JSON.stringify(e)) <= MAX_INGEST_EVENT_BYTES);
  const oversized = handled.length - events.length;
  const fields: Record<string, number> = {};
  for (const e of events) fields[e.field] = (fields[e.field] ?? 0) + 1;
  const anyDropped = Object.keys(dropped).length > 0;
  const reason =
    oversized > 0
      ? 'handed_off_oversized_parked'
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
    fields,
    ...(anyDropped ? { dropped } : {}),
  };
  // both must succeed before the 200; neither depends on the other, so they run side by side
  await Promise.all([
    events.length > 0 ? deps.ingest.publishIngest(events) : Promise.resolve(),
    oversized > 0 ? deps.deliveries.park(record, input.rawBody) : deps.deliveries.record(record),
  ]);
  return { status: 200, reason, deliveryId, eventCount: events.length };
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
  return { status: 200, reason: rec.reason, deliveryId: rec.deliveryId, eventCount: 0 };
}
