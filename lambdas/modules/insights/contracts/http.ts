/** The HTTP operations of the insights API: the handler parses with them, the OpenAPI document is made of them. */
import * as z from '../../../platform/contracts/zod';
import type { OperationSchemas } from '../../../platform/contracts/http-schemas';
import { calendarDate, DAY_MS } from '../../../platform/contracts/field-caps';

const date = calendarDate;
/** today in UTC, the last day any insight can describe */
const today = () => new Date().toISOString().slice(0, 10);

export const InsightsQuery = z
  .strictObject({
    assetId: z.string().check(z.regex(/^[0-9]{5,32}$/, 'a Page, Instagram account or campaign id')),
    metric: z.string().check(z.regex(/^[a-z_]{2,64}$/, 'a metric name')),
    since: date,
    until: date,
  })
  .check(
    z.refine((q) => q.since <= q.until, { message: 'since must not be after until', path: ['since'] }),
    z.refine((q) => Date.parse(q.until) - Date.parse(q.since) <= 400 * DAY_MS, {
      message: 'at most 13 months at a time',
      path: ['until'],
    }),
  );

/**
 * The last `days` days, or a date range within the 13 months counters are kept (the sync reads Meta in
 * windows it serves, so the retention is the bound that matters); a day after today has no insights yet.
 */
export const BackfillBody = z
  .strictObject({
    days: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(395))),
    since: z.optional(date),
    until: z.optional(date),
  })
  .check(
    z.refine((b) => (b.days === undefined) !== (b.since === undefined), {
      message: 'give either days or since (with an optional until)',
      path: ['since'],
    }),
    z.refine((b) => b.until === undefined || b.since !== undefined, {
      message: 'until needs since',
      path: ['until'],
    }),
    z.refine((b) => !b.since || b.since <= (b.until ?? '9999-12-31'), {
      message: 'since must not be after until',
      path: ['since'],
    }),
    z.refine((b) => !b.since || Date.parse(b.since) >= Date.now() - 395 * DAY_MS, {
      message: 'counters are kept 13 months: since must be within them',
      path: ['since'],
    }),
    z.refine((b) => !b.until || b.until <= today(), {
      message: 'must not be after today',
      path: ['until'],
    }),
    z.refine((b) => !b.since || b.since <= today(), {
      message: 'must not be after today',
      path: ['since'],
    }),
  );

const WeekFigures = z.object({ spend: z.number(), leads: z.number(), costPerLead: z.nullable(z.number()) });

export const INSIGHTS_OPERATIONS = {
  getRecommendations: {
    responses: {
      200: z.object({
        items: z.array(
          z.object({
            campaignId: z.string(),
            metaCampaignId: z.string(),
            kind: z.enum(['cost_per_lead_doubled', 'spend_without_leads']),
            message: z.string(),
            figures: z.object({ thisWeek: WeekFigures, lastWeek: WeekFigures }),
          }),
        ),
      }),
    },
  },
  backfillInsights: {
    body: BackfillBody,
    responses: {
      202: z.object({
        requestId: z.string(),
        days: z.optional(z.number()),
        since: z.optional(z.string()),
        until: z.optional(z.string()),
        status: z.literal('queued'),
      }),
    },
  },
  getInsightsBackfill: {
    params: z.object({ id: z.string().check(z.regex(/^ibf_[0-9a-z]{26}$/, 'not a backfill id')) }),
    responses: {
      200: z
        .object({
          id: z.string(),
          status: z.enum(['queued', 'running', 'completed']),
          range: z.union([
            z.object({ days: z.number() }),
            z.object({ since: z.string(), until: z.string() }),
          ]),
          requestedBy: z.string(),
          requestedAt: z.string(),
          startedAt: z.optional(z.string()),
          finishedAt: z.optional(z.string()),
          summary: z.optional(
            z.object({
              assets: z.number(),
              points: z.number(),
              unavailable: z.number(),
              asyncReports: z.number(),
              skipped: z.array(z.object({ assetId: z.string(), reason: z.string() })),
            }),
          ),
        })
        .register(z.globalRegistry, { id: 'InsightsBackfill' }),
    },
  },
  getInsights: {
    query: InsightsQuery,
    responses: {
      200: z.object({
        assetId: z.string(),
        metric: z.string(),
        since: z.string(),
        until: z.string(),
        available: z.boolean(),
        reason: z.nullable(
          z.enum(['metric_removed_by_meta', 'metric_not_served_by_meta', 'metric_not_collected']),
        ),
        /** for a metric Meta removed: when, and what replaced it */
        removedOn: z.optional(z.string()),
        replacement: z.optional(z.nullable(z.string())),
        points: z.array(z.object({ date: z.string(), value: z.number() })),
      }),
    },
  },
} satisfies Record<string, OperationSchemas>;

/**
 * Stable component names of the request schemas in the OpenAPI document: clients generated from it use
 * these names, so renaming one is a breaking change.
 */
export const INSIGHTS_SCHEMA_NAMES: Record<string, z.ZodMiniType> = { InsightsBackfillRequest: BackfillBody };

/** One example per request body, shown in the OpenAPI document (a test parses each with its schema). */
export const INSIGHTS_REQUEST_EXAMPLES: Record<string, unknown> = {
  backfillInsights: { since: '2026-09-01', until: '2026-09-30' },
};
