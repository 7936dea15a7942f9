import * as z from 'zod';
import { CONTENT_PLATFORMS, CONTENT_TYPES } from '../core/content-model';
import type { OperationSchemas } from '../../../platform/contracts/http-schemas';
import { calendarDate, isoDateTime } from '../../../platform/contracts/field-caps';

const assetId = z.string().regex(/^[0-9]{5,32}$/, 'a Page or Instagram account id');

const bound = (edge: 'start' | 'end') =>
  z
    .union([calendarDate, isoDateTime], { message: 'a real calendar date (YYYY-MM-DD) or an ISO date-time' })
    .describe(
      edge === 'start'
        ? 'published at or after (a date means its start, UTC)'
        : 'published at or before (a date means its end, UTC)',
    );

export const ContentListQuery = z
  .object({
    assetId: assetId.optional(),
    type: z.enum(CONTENT_TYPES).optional(),
    since: bound('start').optional(),
    until: bound('end').optional(),
    sort: z
      .string()
      .regex(/^[A-Za-z_]{2,64}$/, 'publishedAt or a metric')
      .default('publishedAt')
      .describe(
        '`publishedAt` (newest first) or a metric such as `views`, `reach`, `reactions` (highest first)',
      ),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), {
    message: 'since must not be after until',
    path: ['since'],
  });

const MetricView = z.union([
  z.object({ value: z.number().nullable(), available: z.literal(true) }),
  z.object({
    value: z.null(),
    available: z.literal(false),
    reason: z.enum(['metric_removed_by_meta', 'metric_not_served_by_meta']),
    removedOn: z.string().optional(),
    replacement: z.string().nullable().optional(),
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
    permalink: z.string().nullable(),
    text: z.string().max(2200).nullable(),
    textTruncated: z.boolean(),
    mediaUrl: z.string().nullable(),
    publishedBy: z.enum(['this_service', 'outside']),
    calendar: z.object({ postId: z.string(), target: z.string(), href: z.string() }).nullable(),
    metrics: z
      .record(z.string(), MetricView)
      .describe(
        'each figure kept for the platform; one Meta removed or stopped serving is `available: false` with why, never 0; `value: null` means Meta has none yet',
      ),
    metricsAt: z.string().nullable(),
    syncedAt: z.string(),
  })
  .meta({ id: 'ContentItem' });

export const CONTENT_OPERATIONS = {
  listContent: {
    query: ContentListQuery,
    responses: { 200: z.object({ items: z.array(ContentItem).max(100), nextCursor: z.string().nullable() }) },
  },
  getContent: {
    params: z.object({ id: z.string().regex(/^cnt_[0-9a-z]{26}$/, 'not a content id') }),
    responses: {
      200: ContentItem.extend({
        history: z
          .array(
            z.object({
              date: z.string(),
              at: z.string(),
              values: z.record(z.string(), z.number().nullable()),
            }),
          )
          .describe('one reading a day while the post is young, then weekly, then monthly'),
      }).meta({ id: 'ContentDetail' }),
    },
  },
} satisfies Record<string, OperationSchemas>;
