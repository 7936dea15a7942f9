/**
 * What the domain needs from Meta, in domain terms. The adapter in `adapters/meta-graph` speaks HTTP,
 * validates Meta's answers with zod and throws {@link MetaGraphError} / {@link MetaNetworkError}.
 */
import type { UsageReport } from '../../platform/core/graph/usage-headers';

export interface PublishedRef {
  id: string;
  permalink: string | null;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface CampaignDay {
  /** set on account-level rows (`level=campaign`) */
  campaignId?: string;
  campaignName?: string;
  reach?: number;
  date: string;
  spend: number;
  impressions: number;
  clicks: number;
  leads: number;
}

/** Told the usage Meta reported on one answer (the Marketing API paces each ad account on its own). */
export type UsageObserver = (usage: UsageReport) => void;

export interface MetaGraph {
  /** What Meta says a campaign is doing now, and why it may not deliver. */
  campaignStatus(
    campaignId: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<{ effectiveStatus: string; issues: string[] }>;
  /** One metric of a Page or Instagram account, per day (`since`/`until` in Unix seconds). */
  seriesInsights(
    objectId: string,
    token: string,
    metric: string,
    since: number,
    until: number,
  ): Promise<Array<{ date: string; value: number }>>;
  campaignDays(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]>;
  startInsightsReport(
    campaignId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<string>;
  insightsReportStatus(
    reportId: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<{ done: boolean; failed: boolean; percent: number }>;
  insightsReportDays(reportId: string, token: string, observe?: UsageObserver): Promise<CampaignDay[]>;
  /**
   * Several metrics of a Page or Instagram account, per day (`since`/`until` in Unix seconds); Meta fails
   * the whole call when one metric is not served.
   */
  insightsSeries(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, Array<{ date: string; value: number }>>>;
  /** Instagram's `metric_type=total_value`: one total per metric over [since, until). */
  insightsTotals(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, number>>;
  /** Every campaign of an ad account, per day (`level=campaign`, `time_increment=1`), all pages read. */
  accountCampaignDays(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]>;
  /** The same as an asynchronous report run (long ranges); returns its `report_run_id`. */
  startAccountInsightsReport(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<string>;
  /** What a campaign has spent over its whole life, in the account currency (major units). */
  campaignLifetimeSpend(campaignId: string, token: string, observe?: UsageObserver): Promise<number>;
  /**
   * The ad account's default DSA beneficiary and payor (set in Ads Manager), and Meta's suggestions for
   * them (`dsa_recommendations`, to be reviewed by a person, never sent on their own).
   */
  adAccountDsa(
    adAccountId: string,
    token: string,
  ): Promise<{ beneficiary: string | null; payor: string | null; recommendations: string[] }>;
  /** The ad account's currency and minimum daily budgets (minor units) by kind of optimization event. */
  adAccountMinimums(
    adAccountId: string,
    token: string,
  ): Promise<{ currency: string; impressions: number; highFrequency: number; lowFrequency: number } | null>;
  /**
   * The campaign (under the account), ad set (under the campaign), creative (under the account) or ad
   * (under the ad set) whose name carries `tag`: the read-back before repeating a create whose answer was
   * lost, since the Marketing API has no idempotency key.
   */
  findAdObjectByName(
    kind: 'campaign' | 'adset' | 'creative' | 'ad',
    parentId: string,
    tag: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<string | null>;
  createCampaign(
    adAccountId: string,
    token: string,
    c: {
      name: string;
      objective: string;
      specialAdCategories: string[];
      /** where ads in a special ad category run; required by Meta when there are categories */
      specialAdCategoryCountries?: string[];
    },
    observe?: UsageObserver,
  ): Promise<string>;
  createAdSet(
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
      /** `ON_AD` for an instant-form lead ad */
      destinationType?: string;
      /** who benefits from and pays for an ad that reaches the EU */
      dsaBeneficiary?: string;
      dsaPayor?: string;
    },
    observe?: UsageObserver,
  ): Promise<string>;
  /** new media (`objectStorySpec`) or an existing Page post (`objectStoryId`) */
  createCreative(
    adAccountId: string,
    token: string,
    c: { name: string; objectStorySpec?: unknown; objectStoryId?: string },
    observe?: UsageObserver,
  ): Promise<string>;
  createAd(
    adAccountId: string,
    token: string,
    a: { name: string; adsetId: string; creativeId: string },
    observe?: UsageObserver,
  ): Promise<string>;
  /** ACTIVE or PAUSED on a campaign, ad set or ad */
  setAdObjectStatus(
    objectId: string,
    token: string,
    status: 'ACTIVE' | 'PAUSED',
    observe?: UsageObserver,
  ): Promise<void>;
  /** Page post with text and/or link; not idempotent at Meta, so callers read back before retrying */
  createPagePost(
    pageId: string,
    pageToken: string,
    post: { message: string; link?: string },
  ): Promise<string>;
  createPagePhoto(
    pageId: string,
    pageToken: string,
    photo: { url: string; caption: string; published: boolean },
  ): Promise<{ photoId: string; postId: string | null }>;
  createPagePostWithPhotos(
    pageId: string,
    pageToken: string,
    message: string,
    photoIds: string[],
  ): Promise<string>;
  recentPagePosts(
    pageId: string,
    pageToken: string,
  ): Promise<Array<{ id: string; message: string; createdTime: Date }>>;
  /** A Page post answers `permalink_url`, an Instagram media `permalink`; each refuses the other's field. */
  permalink(
    objectId: string,
    token: string,
    kind: 'facebook_post' | 'instagram_media',
  ): Promise<string | null>;
  createIgContainer(
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
  ): Promise<string>;
  igContainerStatus(
    containerId: string,
    token: string,
  ): Promise<{ status: ContainerStatus; detail: string | null }>;
  igPublish(igUserId: string, token: string, containerId: string): Promise<string>;
  igRecentMedia(igUserId: string, token: string): Promise<Array<{ id: string; caption: string }>>;
  igPublishingQuota(igUserId: string, token: string): Promise<{ used: number; total: number }>;
}
