/** The {@link MetaGraph} port over the Graph API: paths, fields and pagination live here, nowhere else. */
import * as z from 'zod';
import type { MetaGraph, CampaignDay, UsageObserver } from '../../core/meta/meta-graph';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import { readAllPages } from '../../platform/adapters/graph/graph-pages';
import {
  SeriesResponse,
  CampaignDayRow,
  ReportRunResponse,
  ReportStatusResponse,
  TotalsResponse,
} from './graph-schemas';

export interface GatewayOptions {
  /** async: in AWS the app id comes with the secrets, so one place configures the app */
  appId: () => Promise<string>;
  appSecret: () => Promise<string>;
  /** the most pages of a list followed before stopping (a runaway `next` must not loop forever) */
  maxPages?: number;
}

export class MetaGraphGateway implements MetaGraph {
  constructor(
    private readonly client: GraphClient,
    private readonly opts: GatewayOptions,
  ) {}

  private all<T extends z.ZodType>(
    path: string,
    token: string,
    item: T,
    query: Record<string, string> = {},
    onUsage?: UsageObserver,
  ): Promise<Array<z.output<T>>> {
    return readAllPages(this.client, path, { token, item, query, maxPages: this.opts.maxPages, onUsage });
  }

  async seriesInsights(objectId: string, token: string, metric: string, since: number, until: number) {
    const res = await this.client.get(`${objectId}/insights`, {
      token,
      query: { metric, period: 'day', since, until },
      schema: SeriesResponse,
    });
    const series = res.data.find((d) => d.name === metric);
    return (series?.values ?? []).map((v) => ({
      // end_time is the end of the day the value covers
      date: new Date(Date.parse(v.end_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - 86_400_000)
        .toISOString()
        .slice(0, 10),
      value: typeof v.value === 'number' ? v.value : Object.values(v.value).reduce((a, b) => a + b, 0),
    }));
  }

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
    const rows = await this.all(
      `${adAccountId}/insights`,
      token,
      CampaignDayRow,
      {
        level: 'campaign',
        fields: ACCOUNT_INSIGHT_FIELDS,
        time_increment: '1',
        time_range: JSON.stringify({ since, until }),
      },
      observe,
    );
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

  async campaignDays(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]> {
    const rows = await this.all(
      `${campaignId}/insights`,
      token,
      CampaignDayRow,
      {
        fields: 'spend,impressions,clicks,actions',
        time_increment: '1',
        time_range: JSON.stringify({ since, until }),
      },
      observe,
    );
    return rows.map(toCampaignDay);
  }

  async startInsightsReport(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ) {
    const res = await this.client.post(`${campaignId}/insights`, {
      token,
      form: {
        fields: 'spend,impressions,clicks,actions',
        time_increment: 1,
        time_range: JSON.stringify({ since, until }),
      },
      schema: ReportRunResponse,
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
    const rows = await this.all(`${reportId}/insights`, token, CampaignDayRow, {}, observe);
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
