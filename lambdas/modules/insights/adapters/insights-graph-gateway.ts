/**
 * The insights module's slice of the Graph API over the shared Graph client: Page and Instagram daily
 * series and totals, and an ad account's campaign days (at once, or through an asynchronous report run).
 * Paths, fields and Meta's answer shapes live here; ad account calls report Meta's usage headers to the
 * caller's pacer.
 * https://developers.facebook.com/docs/graph-api/reference/insights/
 * https://developers.facebook.com/docs/instagram-platform/insights/
 * https://developers.facebook.com/docs/marketing-api/insights/
 * https://developers.facebook.com/docs/marketing-api/insights/best-practices/#asynchronous
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString, readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type { UsageObserver } from '../../../platform/core/graph/ad-account-pace';
import type { CampaignDay, InsightsGraph } from '../ports';

const SeriesResponse = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(
        z.object({ value: z.union([z.number(), z.record(z.string(), z.number())]), end_time: z.string() }),
      ),
    }),
  ),
});

const CampaignDayRow = z.object({
  campaign_id: z.optional(idString),
  campaign_name: z.optional(z.string()),
  reach: z.optional(z.coerce.number()),
  date_start: z.string(),
  spend: z._default(z.coerce.number(), 0),
  impressions: z._default(z.coerce.number(), 0),
  clicks: z._default(z.coerce.number(), 0),
  actions: z._default(z.array(z.object({ action_type: z.string(), value: z.coerce.number() })), []),
});

const ReportRunResponse = z.object({ report_run_id: idString });

const ReportStatusResponse = z.object({
  async_status: z.string(),
  async_percent_completion: z._default(z.coerce.number(), 0),
});

/** Instagram totals: `metric_type=total_value` */
const TotalsResponse = z.object({
  data: z.array(z.object({ name: z.string(), total_value: z.object({ value: z.coerce.number() }) })),
});

export class InsightsGraphGateway implements InsightsGraph {
  constructor(
    private readonly client: GraphClient,
    /** the most pages of a list followed (a runaway `next` must not loop forever) */
    private readonly maxPages?: number,
  ) {}

  async insightsSeries(objectId: string, token: string, metrics: string[], since: number, until: number) {
    const res = await this.client.get(`${objectId}/insights`, {
      token,
      query: { metric: metrics.join(','), period: 'day', since, until },
      schema: SeriesResponse,
    });
    const out: Record<string, Array<{ date: string; value: number }>> = {};
    for (const series of res.data) out[series.name] = series.values.map(dayValue);
    return out;
  }

  async insightsTotals(objectId: string, token: string, metrics: string[], since: number, until: number) {
    const res = await this.client.get(`${objectId}/insights`, {
      token,
      query: { metric: metrics.join(','), metric_type: 'total_value', period: 'day', since, until },
      schema: TotalsResponse,
    });
    return Object.fromEntries(res.data.map((m) => [m.name, m.total_value.value]));
  }

  async accountCampaignDays(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]> {
    const rows = await readAllPages(this.client, `${adAccountId}/insights`, {
      token,
      item: CampaignDayRow,
      query: {
        level: 'campaign',
        fields: ACCOUNT_INSIGHT_FIELDS,
        time_increment: '1',
        time_range: JSON.stringify({ since, until }),
      },
      maxPages: this.maxPages,
      onUsage: observe,
    });
    return rows.map(toCampaignDay);
  }

  async startAccountInsightsReport(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ) {
    const res = await this.client.post(`${adAccountId}/insights`, {
      token,
      form: {
        level: 'campaign',
        fields: ACCOUNT_INSIGHT_FIELDS,
        time_increment: 1,
        time_range: JSON.stringify({ since, until }),
      },
      schema: ReportRunResponse,
      // a second report run for the same range is harmless: it is only read
      idempotent: true,
      onUsage: observe,
    });
    return res.report_run_id;
  }

  async insightsReportStatus(reportId: string, token: string, observe?: UsageObserver) {
    const res = await this.client.get(reportId, {
      token,
      query: { fields: 'async_status,async_percent_completion' },
      schema: ReportStatusResponse,
      onUsage: observe,
    });
    return {
      done: res.async_status === 'Job Completed' && res.async_percent_completion >= 100,
      failed: res.async_status === 'Job Failed' || res.async_status === 'Job Skipped',
      percent: res.async_percent_completion,
    };
  }

  async insightsReportDays(reportId: string, token: string, observe?: UsageObserver) {
    // a report's rows come a page at a time, like any list
    const rows = await readAllPages(this.client, `${reportId}/insights`, {
      token,
      item: CampaignDayRow,
      maxPages: this.maxPages,
      onUsage: observe,
    });
    return rows.map(toCampaignDay);
  }
}

const ACCOUNT_INSIGHT_FIELDS = 'campaign_id,campaign_name,spend,impressions,reach,clicks,actions';

/** end_time is the end of the day a value covers; an object value is a breakdown (paid/organic) to add up */
function dayValue(v: { value: number | Record<string, number>; end_time: string }) {
  return {
    date: new Date(Date.parse(v.end_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - 86_400_000)
      .toISOString()
      .slice(0, 10),
    value: typeof v.value === 'number' ? v.value : Object.values(v.value).reduce((a, b) => a + b, 0),
  };
}

function toCampaignDay(r: z.output<typeof CampaignDayRow>): CampaignDay {
  return {
    ...(r.campaign_id ? { campaignId: r.campaign_id } : {}),
    ...(r.campaign_name ? { campaignName: r.campaign_name } : {}),
    ...(r.reach !== undefined ? { reach: r.reach } : {}),
    date: r.date_start,
    spend: r.spend,
    impressions: r.impressions,
    clicks: r.clicks,
    leads: r.actions.filter((a) => a.action_type === 'lead').reduce((n, a) => n + a.value, 0),
  };
}
