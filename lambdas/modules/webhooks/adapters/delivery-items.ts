/**
 * The delivery log's items in the single table: a record per delivery, by day, and a parked body in
 * parts below DynamoDB's 400 KB item limit. The worker's log and the webhook's parking write the same
 * shapes through different clients, so the shapes live here once.
 */
import { fixedTtlFor } from '../../../platform/core/retention-policy';
import type { DeliveryRecord } from '../contracts';

const PART_BYTES = 300_000;

export const deliveryPk = (receivedAt: string) => `DELIVERIES#${receivedAt.slice(0, 10)}`;
export const PARKED_PK = 'DELIVERIES#PARKED';

const ttl = (receivedAt: string): number => fixedTtlFor('delivery-log', new Date(receivedAt)).expiresAt;

export function recordItem(d: DeliveryRecord): Record<string, unknown> {
  return {
    pk: deliveryPk(d.receivedAt),
    sk: `${d.receivedAt}#${d.deliveryId}`,
    entity: 'delivery',
    expiresAt: ttl(d.receivedAt),
    ...d,
  };
}

/** The raw body's parts, base64; the first carries the record's fields, the others its id. */
export function parkedItems(d: DeliveryRecord, rawBody: Buffer): Record<string, unknown>[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < rawBody.length; i += PART_BYTES) parts.push(rawBody.subarray(i, i + PART_BYTES));
  if (parts.length === 0) parts.push(Buffer.alloc(0));
  const expiresAt = ttl(d.receivedAt);
  return parts.map((p, i) => ({
    pk: PARKED_PK,
    sk: `${d.receivedAt}#${d.deliveryId}#${String(i).padStart(4, '0')}`,
    entity: 'parked-delivery',
    expiresAt,
    part: i,
    parts: parts.length,
    body: p.toString('base64'),
    ...(i === 0 ? d : { deliveryId: d.deliveryId }),
  }));
}
