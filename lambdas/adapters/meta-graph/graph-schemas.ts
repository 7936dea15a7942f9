/** zod shapes of Meta's answers: whatever Meta sends is checked before the domain sees it. */
import * as z from 'zod';
import { idString } from '../../platform/adapters/graph/graph-pages';

export { idString };

/** `{"success": true}` — Meta has been seen sending the string "true" too. */
export const SuccessResponse = z.object({ success: z.union([z.boolean(), z.literal('true')]) });

/** Graph lists: the platform's (graph-pages.ts). */
export { listOf } from '../../platform/adapters/graph/graph-pages';

export const IdResponse = z.object({ id: idString });
export const PhotoResponse = z.object({ id: idString, post_id: idString.optional() });
export const FeedItem = z.object({
  id: idString,
  message: z.string().optional(),
  created_time: z.string().optional(),
});
export const PermalinkResponse = z.object({
  permalink_url: z.string().optional(),
  permalink: z.string().optional(),
});
export const ContainerResponse = z.object({
  status_code: z.enum(['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED']),
  status: z.string().optional(),
});
export const MediaItem = z.object({ id: idString, caption: z.string().optional() });
export const PublishingLimitResponse = z.object({
  data: z.array(
    z.object({
      quota_usage: z.coerce.number(),
      config: z.object({ quota_total: z.coerce.number() }).optional(),
    }),
  ),
});

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

export const CampaignStatusResponse = z.object({
  effective_status: z.string(),
  issues_info: z
    .array(z.object({ error_summary: z.string().optional(), error_message: z.string().optional() }))
    .optional(),
});

export const AdAccountCurrencyResponse = z.object({ id: z.string(), currency: z.string() });

/** `GET /act_{id}?fields=default_dsa_beneficiary,default_dsa_payor`: absent when the account has none */
export const AdAccountDsaResponse = z.object({
  id: z.string(),
  default_dsa_beneficiary: z.string().max(500).optional(),
  default_dsa_payor: z.string().max(500).optional(),
});

/** `GET /act_{id}/dsa_recommendations`: Meta's suggestions, to be reviewed by a person */
export const DsaRecommendationsResponse = z.object({
  data: z.array(z.object({ recommendations: z.array(z.string().max(500)).max(50).default([]) })).max(50),
});

/** `GET /act_{id}/minimum_budgets`: floors in the account currency's minor units */
export const MinimumBudgetsResponse = z.object({
  data: z.array(
    z.object({
      currency: z.string(),
      min_daily_budget_imp: z.coerce.number().int(),
      min_daily_budget_high_freq: z.coerce.number().int(),
      min_daily_budget_low_freq: z.coerce.number().int(),
    }),
  ),
});

export const NamedItem = z.object({ id: idString, name: z.string().optional() });

export const SpendRow = z.object({ spend: z.coerce.number().default(0) });

/** Instagram totals: `metric_type=total_value` */
export const TotalsResponse = z.object({
  data: z.array(z.object({ name: z.string(), total_value: z.object({ value: z.coerce.number() }) })),
});
