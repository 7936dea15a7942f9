/**
 * A Page's `feed` change as Meta's webhook sends it, as a zod shape. Loose on purpose: Meta adds fields,
 * and an unknown field must never make a delivery unreadable. The inbox reads comments and reactions from
 * it, the content module the Page's own posts; both parse with this one schema.
 * https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
 */
import * as z from '../../../platform/contracts/zod';

/** Meta sends ids as strings, sometimes as numbers */
export const metaId = z.pipe(z.union([z.string().check(z.minLength(1)), z.number()]), z.transform(String));
/** seconds or ms as a number, or a string of digits (WhatsApp sends strings) */
export const epoch = z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]);

export const FeedValue = z.looseObject({
  item: z.string(),
  verb: z._default(z.string(), 'add'),
  from: z.optional(z.looseObject({ id: metaId, name: z.optional(z.string()) })),
  post_id: z.optional(metaId),
  comment_id: z.optional(metaId),
  parent_id: z.optional(metaId),
  message: z.optional(z.string()),
  created_time: z.optional(epoch),
  reaction_type: z.optional(z.string()),
  post: z.optional(z.looseObject({ id: z.optional(metaId) })),
});
export type FeedValue = z.output<typeof FeedValue>;
