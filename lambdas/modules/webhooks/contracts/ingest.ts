/**
 * The internal ingest contract: what the webhook endpoint hands to the bus for every change (or
 * messaging item) of a Meta delivery, and what the workers that consume Meta's changes read. One schema
 * for both sides; the detail-type (`meta.<object>.<field>`) is what bus rules route on, and each consumer
 * names the detail-types it takes with {@link ingestDetailType}.
 */
import * as z from '../../../platform/contracts/zod';

export const IngestEvent = z.object({
  deliveryId: z.string(),
  /** position in the delivery, so a split delivery can be reassembled for support */
  index: z.number().check(z.int(), z.nonnegative()),
  object: z.string(),
  entryId: z.string(),
  /** Meta's `entry.time`, normalized to ms (Messenger sends ms, feed and leadgen seconds) */
  entryTimeMs: z.nullable(z.number()),
  field: z.string(),
  /** the change's own payload: validated by the worker that understands it */
  value: z.unknown(),
});

/** One unit of work: a single change (or messaging item) of a single entry. */
export type IngestEvent = z.output<typeof IngestEvent>;

/** The EventBridge detail-type an ingest event travels under; bus rules route on it. */
export const ingestDetailType = (e: Pick<IngestEvent, 'object' | 'field'>) => `meta.${e.object}.${e.field}`;
