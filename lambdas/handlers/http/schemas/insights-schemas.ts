import { z } from 'zod';
import type { OperationSchemas } from './common-schemas';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const InsightsQuery = z
  .object({
    assetId: z.string().regex(/^[0-9]{5,32}$/, 'a Page, Instagram account or campaign id'),
    metric: z.string().regex(/^[a-z_]{2,64}$/, 'a metric name'),
    since: date,
    until: date,
  })
  .strict()
  .refine((q) => q.since <= q.until, { message: 'since must not be after until', path: ['since'] })
  .refine((q) => Date.parse(q.until) - Date.parse(q.since) <= 400 * 86_400_000, {
    message: 'at most 13 months at a time',
    path: ['until'],
  });

const WeekFigures = z.object({ spend: z.number(), leads: z.number(), costPerLead: z.number().nullable() });

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
    body: z.object({ days: z.number().int().min(1).max(395) }).strict(),
    responses: { 202: z.object({ requestId: z.string(), days: z.number(), status: z.literal('queued') }) },
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
        reason: z.string().nullable(),
        points: z.array(z.object({ date: z.string(), value: z.number() })),
      }),
    },
  },
} satisfies Record<string, OperationSchemas>;
