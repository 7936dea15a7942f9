/**
 * What the domain needs from Meta, in domain terms. The adapter in `adapters/meta-graph` speaks HTTP,
 * validates Meta's answers with zod and throws {@link MetaGraphError} / {@link MetaNetworkError}.
 */
export interface TokenGrant {
  accessToken: string;
  /** seconds; null when Meta gave none */
  expiresIn: number | null;
}

export interface TokenInfo {
  isValid: boolean;
  type: string | null;
  userId: string | null;
  scopes: string[];
  /** null = never expires (Meta reports 0) */
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  errorCode: number | null;
  errorSubcode: number | null;
}

export interface MetaPageWithToken {
  id: string;
  name: string;
  category: string | null;
  accessToken: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaBusinessPage {
  id: string;
  name: string;
  category: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaAdAccount {
  id: string;
  accountId: string;
  name: string;
  currency: string | null;
}

export interface MetaLeadForm {
  id: string;
  name: string;
  status: string | null;
}

export interface MetaWhatsAppNumber {
  id: string;
  wabaId: string;
  wabaName: string | null;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

export interface MetaLead {
  id: string;
  createdTime: Date;
  formId: string | null;
  adId: string | null;
  adName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  isOrganic: boolean;
  platform: string | null;
  fieldData: Array<{ name: string; values: string[] }>;
}

export interface ConversionLeadEvent {
  eventName: string;
  eventTime: number;
  eventId: string;
  leadId: string;
  crmName: string;
}

export interface PublishedRef {
  id: string;
  permalink: string | null;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface CampaignDay {
  date: string;
  spend: number;
  impressions: number;
  clicks: number;
  leads: number;
}

export interface MetaGraph {
  /** What Meta says a campaign is doing now, and why it may not deliver. */
  campaignStatus(campaignId: string, token: string): Promise<{ effectiveStatus: string; issues: string[] }>;
  /** One metric of a Page or Instagram account, per day (`since`/`until` in Unix seconds). */
  seriesInsights(
    objectId: string,
    token: string,
    metric: string,
    since: number,
    until: number,
  ): Promise<Array<{ date: string; value: number }>>;
  campaignDays(campaignId: string, token: string, since: string, until: string): Promise<CampaignDay[]>;
  startInsightsReport(campaignId: string, token: string, since: string, until: string): Promise<string>;
  insightsReportStatus(
    reportId: string,
    token: string,
  ): Promise<{ done: boolean; failed: boolean; percent: number }>;
  insightsReportDays(reportId: string, token: string): Promise<CampaignDay[]>;
  createCampaign(
    adAccountId: string,
    token: string,
    c: { name: string; objective: string; specialAdCategories: string[] },
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
    },
  ): Promise<string>;
  /** new media (`objectStorySpec`) or an existing Page post (`objectStoryId`) */
  createCreative(
    adAccountId: string,
    token: string,
    c: { name: string; objectStorySpec?: unknown; objectStoryId?: string },
  ): Promise<string>;
  createAd(
    adAccountId: string,
    token: string,
    a: { name: string; adsetId: string; creativeId: string },
  ): Promise<string>;
  /** ACTIVE or PAUSED on a campaign, ad set or ad */
  setAdObjectStatus(objectId: string, token: string, status: 'ACTIVE' | 'PAUSED'): Promise<void>;
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
  permalink(objectId: string, token: string): Promise<string | null>;
  createIgContainer(
    igUserId: string,
    token: string,
    media: {
      imageUrl?: string;
      videoUrl?: string;
      mediaType?: 'REELS' | 'CAROUSEL';
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
  /** Conversions API for CRM: tells Meta a lead moved to a CRM stage (for ad optimization). */
  sendConversionEvents(
    datasetId: string,
    token: string,
    events: ConversionLeadEvent[],
  ): Promise<{ eventsReceived: number }>;
  getLead(leadgenId: string, token: string): Promise<MetaLead>;
  /** Leads of a form created after `since`, every page followed. */
  listFormLeads(formId: string, token: string, since: Date): Promise<MetaLead[]>;
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  exchangeForLongLived(shortLivedToken: string): Promise<TokenGrant>;
  debugToken(inputToken: string): Promise<TokenInfo>;
  getMe(userToken: string): Promise<{ id: string; name: string | null }>;
  listPages(userToken: string): Promise<MetaPageWithToken[]>;
  listBusinesses(userToken: string): Promise<Array<{ id: string; name: string }>>;
  listBusinessPages(businessId: string, userToken: string): Promise<MetaBusinessPage[]>;
  listAdAccounts(userToken: string): Promise<MetaAdAccount[]>;
  listBusinessAdAccounts(businessId: string, userToken: string): Promise<MetaAdAccount[]>;
  getInstagramAccount(
    igUserId: string,
    token: string,
  ): Promise<{ id: string; username: string | null; name: string | null }>;
  listLeadForms(pageId: string, pageToken: string): Promise<MetaLeadForm[]>;
  listWhatsAppNumbers(businessId: string, userToken: string): Promise<MetaWhatsAppNumber[]>;
  subscribePage(pageId: string, pageToken: string, fields: string[]): Promise<void>;
  unsubscribePage(pageId: string, pageToken: string): Promise<void>;
  /** The fields this app is subscribed to on the Page; empty when the app is not subscribed. */
  pageSubscription(pageId: string, pageToken: string): Promise<string[]>;
  revokePermissions(userToken: string): Promise<void>;
}
