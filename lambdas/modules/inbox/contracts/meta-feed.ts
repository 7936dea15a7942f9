/**
 * A Page's `feed` change as Meta's webhook sends it, as a zod shape. Loose on purpose: Meta adds fields,
 * and an unknown field must never make a delivery unreadable. The inbox reads comments and reactions from
 * it, the content module the Page's own posts; both parse with this one schema.
 * https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
 */
import * as z from 'zod';

/** Meta sends ids as strings, sometimes as numbers */
export const metaId = z.union([z.string().min(1), z.number()]).transform(String);
/** seconds or ms as a number, or a string of digits (WhatsApp sends strings) */
export const epoch = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const FeedValue = z.looseObject({
  item: z.string(),
  verb: z.string().default('add'),
  from: z.looseObject({ id: metaId, name: z.string().optional() }).optional(),
  post_id: metaId.optional(),
  comment_id: metaId.optional(),
  parent_id: metaId.optional(),
  message: z.string().optional(),
  created_time: epoch.optional(),
  reaction_type: z.string().optional(),
  post: z.looseObject({ id: metaId.optional() }).optional(),
});
export type FeedValue = z.output<typeof FeedValue>;
