/** zod shapes of Meta's answers: whatever Meta sends is checked before the domain sees it. */
import * as z from 'zod';
import { idString } from '../../platform/adapters/graph/graph-pages';

export { idString };

/** `{"success": true}` — Meta has been seen sending the string "true" too. */
export const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });

/** Graph lists: the platform's (graph-pages.ts). */
export { listOf } from '../../platform/adapters/graph/graph-pages';

export const IdResponse = z.object({ id: idString });

export const SeriesResponse = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(
        z.object({ value: z.union([z.number(), z.record(z.string(), z.number())]), end_time: z.string() }),
      ),
    }),
  ),
});

export const CampaignDayRow = z.object({
  campaign_id: idString.optional(),
  campaign_name: z.string().optional(),
  reach: z.coerce.number().optional(),
  date_start: z.string(),
  spend: z.coerce.number().default(0),
  impressions: z.coerce.number().default(0),
  clicks: z.coerce.number().default(0),
  actions: z.array(z.object({ action_type: z.string(), value: z.coerce.number() })).default([]),
});

export const ReportRunResponse = z.object({ report_run_id: idString });
export const ReportStatusResponse = z.object({
  async_status: z.string(),
  async_percent_completion: z.coerce.number().default(0),
});

/** Instagram totals: `metric_type=total_value` */
export const TotalsResponse = z.object({
  data: z.array(z.object({ name: z.string(), total_value: z.object({ value: z.coerce.number() }) })),
});
