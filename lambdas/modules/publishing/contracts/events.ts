/**
 * The public events of the publishing module (docs/events.md lists them with every other module's). Built
 * through {@link postEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';

const { id, nullableString } = eventFields;

export const POST_EVENTS = {
  'post.approved': {
    description: 'A post was approved by a person or a rule; it is published at `scheduledAt` (or now).',
    payload: z.object({
      postId: id,
      approvedBy: z.string(),
      ruleId: nullableString,
      scheduledAt: nullableString,
    }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      approvedBy: 'user:alice',
      ruleId: null,
      scheduledAt: '2026-12-05T08:00:00.000Z',
    },
  },
  'post.published': {
    description: 'One target of a post was published at Meta.',
    payload: z.object({
      postId: id,
      target: z.string().check(z.describe('`facebook_page:<id>` or `instagram_account:<id>`')),
      metaId: nullableString.check(
        z.describe("Meta's id of the post; null when Meta confirmed it without one"),
      ),
      permalink: nullableString,
    }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      target: 'facebook_page:104729384756123',
      metaId: '104729384756123_122105550000000001',
      permalink: 'https://www.facebook.com/104729384756123/posts/122105550000000001',
    },
  },
  'post.failed': {
    description: 'One target of a post could not be published; `reason` is a stable code.',
    payload: z.object({ postId: id, target: z.string(), reason: z.string(), message: z.string() }),
    example: {
      postId: 'post_01jg8zr2k6v5q3n8m0b1c2d3e4',
      target: 'instagram_account:17841405822304914',
      reason: 'publishing_limit_reached',
      message: 'Instagram allows 100 API-published posts in 24 hours for this account',
    },
  },
} as const satisfies Record<string, EventContract>;

export type PostEventType = keyof typeof POST_EVENTS;

export const postEvent = eventBuilder(POST_EVENTS);
