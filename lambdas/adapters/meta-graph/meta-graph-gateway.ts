/** The {@link MetaGraph} port over the Graph API: paths, fields and pagination live here, nowhere else. */
import * as z from 'zod';
import type { MetaGraph, CampaignDay, ContainerStatus, UsageObserver } from '../../core/meta/meta-graph';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import { listOf, readAllPages } from '../../platform/adapters/graph/graph-pages';
import {
  SuccessResponse,
  IdResponse,
  PhotoResponse,
  FeedItem,
  PermalinkResponse,
  ContainerResponse,
  MediaItem,
  PublishingLimitResponse,
  SeriesResponse,
  CampaignDayRow,
  ReportRunResponse,
  ReportStatusResponse,
  CampaignStatusResponse,
  AdAccountCurrencyResponse,
  AdAccountDsaResponse,
  DsaRecommendationsResponse,
  MinimumBudgetsResponse,
  NamedItem,
  SpendRow,
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

  async createPagePost(pageId: string, pageToken: string, post: { message: string; link?: string }) {
    const res = await this.client.post(`${pageId}/feed`, {
      token: pageToken,
      form: { message: post.message, link: post.link },
      schema: IdResponse,
    });
    return res.id;
  }

  async createPagePhoto(
    pageId: string,
    pageToken: string,
    photo: { url: string; caption: string; published: boolean },
  ) {
    const res = await this.client.post(`${pageId}/photos`, {
      token: pageToken,
      form: { url: photo.url, caption: photo.caption, published: photo.published },
      schema: PhotoResponse,
    });
    return { photoId: res.id, postId: res.post_id ?? null };
  }

  async createPagePostWithPhotos(pageId: string, pageToken: string, message: string, photoIds: string[]) {
    const form: Record<string, string> = { message };
    photoIds.forEach((id, i) => (form[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
    return (await this.client.post(`${pageId}/feed`, { token: pageToken, form, schema: IdResponse })).id;
  }

  async recentPagePosts(pageId: string, pageToken: string) {
    const res = await this.client.get(`${pageId}/feed`, {
      token: pageToken,
      query: { fields: 'id,message,created_time', limit: 25 },
      schema: listOf(FeedItem),
    });
    return res.data.map((p) => ({
      id: p.id,
      message: p.message ?? '',
      createdTime: new Date((p.created_time ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')),
    }));
  }

  async permalink(objectId: string, token: string, kind: 'facebook_post' | 'instagram_media') {
    const res = await this.client.get(objectId, {
      token,
      query: { fields: kind === 'facebook_post' ? 'permalink_url' : 'permalink' },
      schema: PermalinkResponse,
    });
    return res.permalink_url ?? res.permalink ?? null;
  }

  async createIgContainer(
    igUserId: string,
    token: string,
    media: {
      imageUrl?: string;
      videoUrl?: string;
      /** VIDEO for a video carousel item (Reels cannot be carousel items) */
      mediaType?: 'REELS' | 'VIDEO' | 'CAROUSEL';
      caption?: string;
      children?: string[];
      isCarouselItem?: boolean;
    },
  ) {
    const res = await this.client.post(`${igUserId}/media`, {
      token,
      form: {
        image_url: media.imageUrl,
        video_url: media.videoUrl,
        media_type: media.mediaType,
        caption: media.caption,
        children: media.children?.join(','),
        is_carousel_item: media.isCarouselItem ? 'true' : undefined,
      },
      schema: IdResponse,
    });
    return res.id;
  }

  async igContainerStatus(
    containerId: string,
    token: string,
  ): Promise<{ status: ContainerStatus; detail: string | null }> {
    const res = await this.client.get(containerId, {
      token,
      query: { fields: 'status_code,status' },
      schema: ContainerResponse,
    });
    return { status: res.status_code, detail: res.status ?? null };
  }

  async igPublish(igUserId: string, token: string, containerId: string) {
    return (
      await this.client.post(`${igUserId}/media_publish`, {
        token,
        form: { creation_id: containerId },
        schema: IdResponse,
      })
    ).id;
  }

  async igRecentMedia(igUserId: string, token: string) {
    const res = await this.client.get(`${igUserId}/media`, {
      token,
      query: { fields: 'id,caption', limit: 25 },
      schema: listOf(MediaItem),
    });
    return res.data.map((m) => ({ id: m.id, caption: m.caption ?? '' }));
  }

  async igPublishingQuota(igUserId: string, token: string) {
    const res = await this.client.get(`${igUserId}/content_publishing_limit`, {
      token,
      query: { fields: 'quota_usage,config' },
      schema: PublishingLimitResponse,
    });
    const d = res.data[0];
    return { used: d?.quota_usage ?? 0, total: d?.config?.quota_total ?? 100 };
  }

  async createCampaign(
    adAccountId: string,
    token: string,
    c: {
      name: string;
      objective: string;
      specialAdCategories: string[];
      specialAdCategoryCountries?: string[];
    },
    observe?: UsageObserver,
  ) {
    const form = {
      name: c.name,
      objective: c.objective,
      status: 'PAUSED',
      special_ad_categories: JSON.stringify(c.specialAdCategories),
      special_ad_category_country:
        c.specialAdCategories.length > 0 && c.specialAdCategoryCountries?.length
          ? JSON.stringify(c.specialAdCategoryCountries)
          : undefined,
      // the budget lives on the ad set; Meta requires saying whether ad sets may share it
      is_adset_budget_sharing_enabled: false,
    };
    return (
      await this.client.post(`${adAccountId}/campaigns`, {
        token,
        form,
        schema: IdResponse,
        onUsage: observe,
      })
    ).id;
  }

  async createAdSet(
    adAccountId: string,
    token: string,
    a: {
      name: string;
      campaignId: string;
      dailyBudget: number;
      optimizationGoal: string;
      startTime: string;
      endTime?: string;
      targeting: unknown;
      promotedObject?: unknown;
      destinationType?: string;
      dsaBeneficiary?: string;
      dsaPayor?: string;
    },
    observe?: UsageObserver,
  ) {
    const form = {
      name: a.name,
      campaign_id: a.campaignId,
      daily_budget: a.dailyBudget,
      billing_event: 'IMPRESSIONS',
      optimization_goal: a.optimizationGoal,
      start_time: a.startTime,
      end_time: a.endTime,
      targeting: JSON.stringify(a.targeting),
      promoted_object: a.promotedObject ? JSON.stringify(a.promotedObject) : undefined,
      destination_type: a.destinationType,
      dsa_beneficiary: a.dsaBeneficiary,
      dsa_payor: a.dsaPayor,
      status: 'PAUSED',
    };
    return (
      await this.client.post(`${adAccountId}/adsets`, { token, form, schema: IdResponse, onUsage: observe })
    ).id;
  }

  async createCreative(
    adAccountId: string,
    token: string,
    c: { name: string; objectStorySpec?: unknown; objectStoryId?: string },
    observe?: UsageObserver,
  ) {
    const form = {
      name: c.name,
      object_story_spec: c.objectStorySpec ? JSON.stringify(c.objectStorySpec) : undefined,
      object_story_id: c.objectStoryId,
    };
    return (
      await this.client.post(`${adAccountId}/adcreatives`, {
        token,
        form,
        schema: IdResponse,
        onUsage: observe,
      })
    ).id;
  }

  async createAd(
    adAccountId: string,
    token: string,
    a: { name: string; adsetId: string; creativeId: string },
    observe?: UsageObserver,
  ) {
    const form = {
      name: a.name,
      adset_id: a.adsetId,
      creative: JSON.stringify({ creative_id: a.creativeId }),
      status: 'PAUSED',
    };
    return (
      await this.client.post(`${adAccountId}/ads`, { token, form, schema: IdResponse, onUsage: observe })
    ).id;
  }

  async setAdObjectStatus(
    objectId: string,
    token: string,
    status: 'ACTIVE' | 'PAUSED',
    observe?: UsageObserver,
  ) {
    // setting the same status twice is harmless, so a lost answer may be retried
    await this.client.post(objectId, {
      token,
      form: { status },
      schema: SuccessResponse,
      idempotent: true,
      onUsage: observe,
    });
  }

  async campaignLifetimeSpend(campaignId: string, token: string, observe?: UsageObserver) {
    const rows = await this.all(
      `${campaignId}/insights`,
      token,
      SpendRow,
      { fields: 'spend', date_preset: 'maximum' },
      observe,
    );
    return Math.round(rows.reduce((n, r) => n + r.spend, 0) * 100) / 100;
  }

  async adAccountDsa(adAccountId: string, token: string) {
    const account = await this.client.get(adAccountId, {
      token,
      query: { fields: 'default_dsa_beneficiary,default_dsa_payor' },
      schema: AdAccountDsaResponse,
    });
    const rec = await this.client.get(`${adAccountId}/dsa_recommendations`, {
      token,
      schema: DsaRecommendationsResponse,
    });
    return {
      beneficiary: account.default_dsa_beneficiary ?? null,
      payor: account.default_dsa_payor ?? null,
      recommendations: [...new Set(rec.data.flatMap((r) => r.recommendations))],
    };
  }

  async adAccountMinimums(adAccountId: string, token: string) {
    const account = await this.client.get(adAccountId, {
      token,
      query: { fields: 'currency' },
      schema: AdAccountCurrencyResponse,
    });
    const res = await this.client.get(`${adAccountId}/minimum_budgets`, {
      token,
      schema: MinimumBudgetsResponse,
    });
    const row = res.data.find((r) => r.currency === account.currency) ?? res.data[0];
    if (!row) return null;
    return {
      currency: account.currency,
      impressions: row.min_daily_budget_imp,
      highFrequency: row.min_daily_budget_high_freq,
      lowFrequency: row.min_daily_budget_low_freq,
    };
  }

  async findAdObjectByName(
    kind: 'campaign' | 'adset' | 'creative' | 'ad',
    parentId: string,
    tag: string,
    token: string,
    observe?: UsageObserver,
  ) {
    const edge = { campaign: 'campaigns', adset: 'adsets', creative: 'adcreatives', ad: 'ads' }[kind];
    const res = await this.client.get(`${parentId}/${edge}`, {
      token,
      query: {
        fields: 'id,name',
        filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: tag }]),
        limit: 25,
      },
      schema: listOf(NamedItem),
      onUsage: observe,
    });
    return res.data.find((o) => (o.name ?? '').includes(tag))?.id ?? null;
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

  async campaignStatus(campaignId: string, token: string, observe?: UsageObserver) {
    const res = await this.client.get(campaignId, {
      token,
      query: { fields: 'effective_status,issues_info' },
      schema: CampaignStatusResponse,
      onUsage: observe,
    });
    return {
      effectiveStatus: res.effective_status,
      issues: (res.issues_info ?? []).map((i) => i.error_summary ?? i.error_message ?? 'delivery issue'),
    };
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
