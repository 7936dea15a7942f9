/**
 * Meta's webhook envelope and its split into one ingest event per change or messaging item. Only the
 * envelope is checked here; each product's payload is validated by the worker that understands it, so a
 * new field never makes the endpoint reject a delivery.
 */
import * as z from '../../platform/contracts/zod';
import type { IngestEvent } from '../../modules/webhooks/contracts';

/** The ingest contract is the webhooks module's (modules/webhooks/contracts/ingest.ts). */
export { IngestEvent, ingestDetailType } from '../../modules/webhooks/contracts';

export const KNOWN_OBJECTS = [
  'page',
  'instagram',
  'whatsapp_business_account',
  'permissions',
  'user',
] as const;

const Change = z.object({ field: z.string().check(z.minLength(1)), value: z.unknown() });

const Entry = z.object({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  time: z.optional(z.number()),
  changes: z.optional(z.array(Change)),
  messaging: z.optional(z.array(z.record(z.string(), z.unknown()))),
  /** handover protocol: what the Page received while another app owned the thread */
  standby: z.optional(z.array(z.record(z.string(), z.unknown()))),
  changed_fields: z.optional(z.array(z.string())),
  uid: z.optional(z.pipe(z.union([z.string(), z.number()]), z.transform(String))),
});

export const WebhookEnvelope = z.object({
  object: z.string().check(z.minLength(1)),
  entry: z.array(Entry).check(z.minLength(1)),
});

export type WebhookEnvelope = z.output<typeof WebhookEnvelope>;

export function normalizeTime(t: number | undefined): number | null {
  if (t === undefined) return null;
  return t < 1e12 ? t * 1000 : t;
}

export interface SplitResult {
  events: IngestEvent[];
  /** entries that carried neither changes nor messaging (e.g. `changed_fields` only) */
  emptyEntries: number;
}

export function splitEnvelope(deliveryId: string, envelope: WebhookEnvelope): SplitResult {
  const events: IngestEvent[] = [];
  let emptyEntries = 0;
  for (const entry of envelope.entry) {
    const base = {
      deliveryId,
      object: envelope.object,
      entryId: entry.id,
      entryTimeMs: normalizeTime(entry.time),
    };
    const before = events.length;
    for (const change of entry.changes ?? []) {
      events.push({ ...base, index: events.length, field: change.field, value: change.value });
    }
    for (const item of entry.messaging ?? []) {
      events.push({ ...base, index: events.length, field: messagingField(item), value: item });
    }
    // https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events/standby
    for (const item of entry.standby ?? []) {
      events.push({ ...base, index: events.length, field: 'standby', value: item });
    }
    if (!entry.changes && !entry.messaging && !entry.standby && entry.changed_fields) {
      for (const field of entry.changed_fields)
        events.push({ ...base, index: events.length, field, value: { uid: entry.uid } });
    }
    if (events.length === before) emptyEntries++;
  }
  return { events, emptyEntries };
}

/** Messenger/Instagram messaging items have no `field`; name them after the event they carry. */
function messagingField(item: Record<string, unknown>): string {
  for (const key of [
    'message',
    'postback',
    'delivery',
    'read',
    'reaction',
    'message_edit',
    'referral',
    'optin',
  ]) {
    if (key in item) {
      if (key === 'message' && (item.message as { is_echo?: boolean } | undefined)?.is_echo)
        return 'message_echoes';
      return key === 'message' ? 'messages' : key;
    }
  }
  return 'messaging';
}
