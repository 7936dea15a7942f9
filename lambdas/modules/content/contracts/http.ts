import * as z from '../../../platform/contracts/zod';
import { CONTENT_PLATFORMS, CONTENT_TYPES } from '../core/content-model';
import type { OperationSchemas } from '../../../platform/contracts/http-schemas';
import { calendarDate, isoDateTime } from '../../../platform/contracts/field-caps';

const assetId = z.string().check(z.regex(/^[0-9]{5,32}$/, 'a Page or Instagram account id'));

const bound = (edge: 'start' | 'end') =>
  z
    .union([calendarDate, isoDateTime], { message: 'a real calendar date (YYYY-MM-DD) or an ISO date-time' })
    .check(
      z.describe(
        edge === 'start'
          ? 'published at or after (a date means its start, UTC)'
          : 'published at or before (a date means its end, UTC)',
      ),
    );

export const ContentListQuery = z
  .strictObject({
    assetId: z.optional(assetId),
    type: z.optional(z.enum(CONTENT_TYPES)),
    since: z.optional(bound('start')),
    until: z.optional(bound('end')),
    sort: z
      ._default(z.string().check(z.regex(/^[A-Za-z_]{2,64}$/, 'publishedAt or a metric')), 'publishedAt')
      .check(
        z.describe(
          '`publishedAt` (newest first) or a metric such as `views`, `reach`, `reactions` (highest first)',
        ),
      ),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  })
  .check(
    z.refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), {
      message: 'since must not be after until',
      path: ['since'],
    }),
  );

const MetricView = z.union([
  z.object({ value: z.nullable(z.number()), available: z.literal(true) }),
  z.object({
    value: z.null(),
    available: z.literal(false),
    reason: z.enum(['metric_removed_by_meta', 'metric_not_served_by_meta']),
    removedOn: z.optional(z.string()),
    replacement: z.optional(z.nullable(z.string())),
  }),
]);

const ContentItem = z
  .object({
    id: z.string(),
    href: z.string(),
    platform: z.enum(CONTENT_PLATFORMS),
    assetId: z.string(),
    metaId: z.string(),
    type: z.enum(CONTENT_TYPES),
    publishedAt: z.string(),
    permalink: z.nullable(z.string()),
    text: z.nullable(z.string().check(z.maxLength(2200))),
    textTruncated: z.boolean(),
    mediaUrl: z.nullable(z.string()),
    publishedBy: z.enum(['this_service', 'outside']),
    calendar: z.nullable(z.object({ postId: z.string(), target: z.string(), href: z.string() })),
    metrics: z
      .record(z.string(), MetricView)
      .check(
        z.describe(
          'each figure kept for the platform; one Meta removed or stopped serving is `available: false` with why, never 0; `value: null` means Meta has none yet',
        ),
      ),
    metricsAt: z.nullable(z.string()),
    syncedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'ContentItem' });

export const CONTENT_OPERATIONS = {
  listContent: {
    query: ContentListQuery,
    responses: {
      200: z.object({
        items: z.array(ContentItem).check(z.maxLength(100)),
        nextCursor: z.nullable(z.string()),
      }),
    },
  },
  getContent: {
    params: z.object({ id: z.string().check(z.regex(/^cnt_[0-9a-z]{26}$/, 'not a content id')) }),
    responses: {
      200: z
        .extend(ContentItem, {
          history: z
            .array(
              z.object({
                date: z.string(),
                at: z.string(),
                values: z.record(z.string(), z.nullable(z.number())),
              }),
            )
            .check(z.describe('one reading a day while the post is young, then weekly, then monthly')),
        })
        .register(z.globalRegistry, { id: 'ContentDetail' }),
    },
  },
} satisfies Record<string, OperationSchemas>;
