/**
 * What the delivery log keeps of each delivery the webhook read, handed to the bus in the same PutEvents
 * call as the delivery's events: the webhook answers Meta after that one call, and the delivery-log
 * worker writes the record afterwards. Counts and names only, never a payload: the log holds no PII.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

const counts = z.record(z.string(), z.number().check(z.int(), z.nonnegative()));

export const DeliveryRecord = z.object({
  deliveryId: z.string(),
  receivedAt: z.string(),
  object: z.nullable(z.string()),
  entryCount: z.number().check(z.int(), z.nonnegative()),
  eventCount: z.number().check(z.int(), z.nonnegative()),
  bytes: z.number().check(z.int(), z.nonnegative()),
  outcome: z.enum(['accepted', 'unrecognized']),
  reason: z.string(),
  /** per-field counts of the events handed off */
  fields: counts,
  /** per-field counts of changes no worker acts on (e.g. a field the app never subscribed to) */
  dropped: z.optional(counts),
});
export type DeliveryRecord = z.output<typeof DeliveryRecord>;

/**
 * The record travels under `delivery`, not at the top of the detail, so it is never mistaken for one of
 * the delivery's own events (those carry `deliveryId` at the top).
 */
export const DeliveryReceived = defineCommand(
  'webhook.delivery-received',
  'Record a delivery the webhook read and handed off (delivery log)',
  z.object({ delivery: DeliveryRecord }),
);
