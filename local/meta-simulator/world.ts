/**
 * Everything the simulated Meta knows: people, businesses, assets, leads, tokens and what was sent to it.
 * One instance per simulator; `reset()` replaces it. Route files read and change it through plain maps so
 * new products (publishing, messaging, ads) can add their own collections beside these.
 */
import type { IdSource } from './ids';

export type TokenType = 'USER' | 'PAGE' | 'APP';

export interface TokenRecord {
  value: string;
  type: TokenType;
  userId: string | null;
  pageId: string | null;
  scopes: string[];
  /** asked for in the dialog but not granted */
  declined: string[];
  /** Pages the person ticked in the dialog's picker; null = all Pages they have a role on */
  pageIds: string[] | null;
  /** Unix seconds */
  issuedAt: number;
  /** Unix seconds; 0 = never (Page tokens derived from a long-lived user token) */
  expiresAt: number;
  longLived: boolean;
  /** the user token a Page token was derived from */
  parent: string | null;
  /** set when Meta stopped honouring the token for a reason other than time (subcode 458, 460, 467...) */
  invalidated: { subcode: number; message: string } | null;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  declined: string[];
  pageIds: string[] | null;
  /** Unix seconds */
  createdAt: number;
  usedAt: number | null;
}

export interface SimUser {
  id: string;
  name: string;
}

export interface SimBusiness {
  id: string;
  name: string;
  verificationStatus: string;
  memberUserIds: string[];
}

export type PageTask = 'ADVERTISE' | 'ANALYZE' | 'CREATE_CONTENT' | 'MESSAGING' | 'MODERATE' | 'MANAGE';

export interface SimPage {
  id: string;
  name: string;
  category: string;
  /** owning business */
  businessId: string | null;
  /** businesses that serve this Page as an agency (`client_pages`) */
  clientBusinessIds: string[];
  igAccountId: string | null;
  roles: Array<{ userId: string; tasks: PageTask[] }>;
  /** appId → subscribed fields, in subscription order */
  subscribedApps: Map<string, string[]>;
}

export interface SimInstagramAccount {
  id: string;
  username: string;
  name: string;
  pageId: string;
  followersCount: number;
  mediaCount: number;
}

export interface LeadQuestion {
  id: string;
  key: string;
  label: string;
  type: string;
}

export interface SimLeadForm {
  id: string;
  pageId: string;
  name: string;
  status: 'ACTIVE' | 'ARCHIVED';
  locale: string;
  questions: LeadQuestion[];
  /** Unix seconds */
  createdTime: number;
}

export interface SimLead {
  id: string;
  formId: string;
  pageId: string;
  adId: string | null;
  /** Unix seconds */
  createdTime: number;
  fieldData: Array<{ name: string; values: string[] }>;
  platform: 'fb' | 'ig';
  isOrganic: boolean;
}

export interface SimAdAccount {
  /** `act_<accountId>` */
  id: string;
  accountId: string;
  name: string;
  currency: string;
  /** 1 = ACTIVE, 2 = DISABLED, ... as Meta numbers them */
  accountStatus: number;
  timezoneName: string;
  businessId: string | null;
  clientBusinessIds: string[];
  userIds: string[];
  /** the account's default DSA beneficiary and payor (Ads Manager's advertising settings), if set */
  dsaDefaults?: { beneficiary: string; payor: string };
  /** what `dsa_recommendations` suggests for the account */
  dsaRecommendations: string[];
}

export interface SimCampaign {
  id: string;
  adAccountId: string;
  name: string;
  objective: string;
  status: string;
  /** Unix seconds */
  createdTime: number;
  /** as created (campaign-write-routes.ts); absent on the default world's campaign */
  specialAdCategories?: string[];
}

export interface SimAdSet {
  id: string;
  campaignId: string;
  adAccountId: string;
  name: string;
  status: string;
  /** 1 when Advantage+ audience is on: the age range and genders are then only suggestions */
  advantageAudience?: 0 | 1;
  destinationType?: string;
  dsaBeneficiary?: string;
  dsaPayor?: string;
}

export interface SimAd {
  id: string;
  adsetId: string;
  campaignId: string;
  adAccountId: string;
  name: string;
  status: string;
}

export interface SimWaba {
  id: string;
  name: string;
  businessId: string;
  currency: string;
  timezoneId: string;
}

export interface SimPhoneNumber {
  id: string;
  wabaId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: string;
}

export interface SimDataset {
  id: string;
  name: string;
  adAccountId: string;
}

export interface ConversionEventRecord {
  datasetId: string;
  /** Unix seconds */
  receivedAt: number;
  testEventCode: string | null;
  event: Record<string, unknown>;
}

export class World {
  readonly users = new Map<string, SimUser>();
  readonly businesses = new Map<string, SimBusiness>();
  readonly pages = new Map<string, SimPage>();
  readonly instagramAccounts = new Map<string, SimInstagramAccount>();
  readonly leadForms = new Map<string, SimLeadForm>();
  readonly leads = new Map<string, SimLead>();
  readonly adAccounts = new Map<string, SimAdAccount>();
  readonly campaigns = new Map<string, SimCampaign>();
  readonly adSets = new Map<string, SimAdSet>();
  readonly ads = new Map<string, SimAd>();
  /** asynchronous insights report runs (insights-routes.ts) */
  readonly reportRuns = new Map<
    string,
    {
      id: string;
      objectId: string;
      since: string;
      until: string;
      pollsLeft: number;
      /** `campaign` for a run on an ad account broken down by campaign */
      level?: string;
      outcome?: 'Job Completed' | 'Job Failed';
    }
  >();
  /** ad creatives (campaign-write-routes.ts) */
  readonly creatives = new Map<string, { id: string; adAccountId: string; name: string; spec: unknown }>();
  /** per ad set: budget, schedule, when it delivered and how it performs (ad-delivery.ts) */
  readonly deliveries = new Map<string, AdSetDelivery>();
  /** per campaign: delivery problems and an effective status set by tests (control-ads-routes.ts) */
  readonly campaignIssues = new Map<string, { effectiveStatus: string | null; issues: CampaignIssue[] }>();
  /** how asynchronous insights jobs and Page/IG metrics behave; `/_sim/insights` changes it */
  insightsBehaviour: InsightsBehaviour = {
    reportPolls: 2,
    reportOutcome: 'Job Completed',
    retiredMetrics: [],
  };
  readonly wabas = new Map<string, SimWaba>();
  readonly phoneNumbers = new Map<string, SimPhoneNumber>();
  readonly datasets = new Map<string, SimDataset>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly conversionEvents: ConversionEventRecord[] = [];
  /** filled by the publishing routes (feed, photos, IG media) when they exist */
  readonly posts: Array<Record<string, unknown>> = [];
  /** Instagram media containers (publishing-routes.ts) */
  readonly containers = new Map<string, SimContainer>();
  /** Page photos uploaded with `published=false`, waiting to be attached to a feed post (photo id → Page id) */
  readonly stagedPhotos = new Map<string, string>();
  /** how containers behave and the publishing quota; `/_sim/publishing` changes it */
  publishing: PublishingBehaviour = {
    containerPolls: 0,
    containerOutcome: 'FINISHED',
    quotaUsage: 0,
    quotaTotal: 100,
  };
  /** filled by the messaging routes (Send API, WhatsApp) when they exist */
  readonly messages: Array<Record<string, unknown>> = [];
  /** comments on Page posts and Instagram media (comment-routes.ts) */
  readonly comments = new Map<string, SimComment>();
  /** WABA id → app ids subscribed to its webhooks (messaging-routes.ts) */
  readonly wabaSubscribedApps = new Map<string, string[]>();
  /** WhatsApp message templates of the WABAs (messaging-routes.ts) */
  readonly messageTemplates: SimMessageTemplate[] = [];
  /** phone number id → its registration (whatsapp-management-routes.ts) */
  readonly numberRegistrations = new Map<string, SimNumberRegistration>();
  /** phone number id → its business profile (whatsapp-management-routes.ts) */
  readonly businessProfiles = new Map<string, SimBusinessProfile>();
  /** what Meta does on its own after a send; `/_sim/inbox` changes it */
  inbox: InboxBehaviour = { echoes: true, whatsappSentStatus: true };

  constructor(readonly ids: IdSource) {}

  private readonly idMaps: ReadonlyArray<Map<string, unknown>> = [
    this.users,
    this.businesses,
    this.pages,
    this.instagramAccounts,
    this.leadForms,
    this.leads,
    this.adAccounts,
    this.campaigns,
    this.adSets,
    this.ads,
    this.wabas,
    this.phoneNumbers,
    this.datasets,
  ];

  isIdTaken(id: string): boolean {
    return this.idMaps.some((m) => m.has(id) || m.has(`act_${id}`));
  }

  /** a fresh numeric id that no object uses yet */
  newId(length: number, prefix = ''): string {
    for (;;) {
      const id = this.ids.digits(length, prefix);
      if (!this.isIdTaken(id)) return id;
    }
  }

  /** Pages the user has a role on */
  pagesOfUser(userId: string): SimPage[] {
    return [...this.pages.values()].filter((p) => p.roles.some((r) => r.userId === userId));
  }

  businessesOfUser(userId: string): SimBusiness[] {
    return [...this.businesses.values()].filter((b) => b.memberUserIds.includes(userId));
  }

  adAccountsOfUser(userId: string): SimAdAccount[] {
    return [...this.adAccounts.values()].filter((a) => a.userIds.includes(userId));
  }

  tokensOfUser(userId: string): TokenRecord[] {
    return [...this.tokens.values()].filter((t) => t.userId === userId);
  }
}

export interface SimContainer {
  id: string;
  igUserId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  caption: string;
  mediaUrl: string | null;
  children: string[];
  isCarouselItem: boolean;
  /** polls left before it leaves IN_PROGRESS */
  pollsLeft: number;
  outcome: 'FINISHED' | 'ERROR' | 'EXPIRED';
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  createdAt: number;
}

export interface PublishingBehaviour {
  containerPolls: number;
  /** what a container becomes after its polls; EXPIRED stands in for a container left unpublished 24 h */
  containerOutcome: 'FINISHED' | 'ERROR' | 'EXPIRED';
  quotaUsage: number;
  quotaTotal: number;
}

/** What an ad set spends and yields while campaign, ad set and one of its ads are ACTIVE. */
export interface AdSetDelivery {
  adsetId: string;
  campaignId: string;
  /** minor units of the account currency per day (a lifetime budget spread over its days) */
  dailyRate: number;
  /** Unix seconds; delivery happens only inside the schedule */
  startTime: number;
  endTime: number | null;
  /** Unix-second spans during which it delivered; the last one is open while it delivers */
  intervals: Array<{ from: number; to: number | null }>;
  profile: DeliveryProfile;
}

export interface DeliveryProfile {
  /** cost per 1000 impressions, in major units */
  cpm: number;
  /** clicks per impression */
  ctr: number;
  /** leads per click (lead campaigns only) */
  leadRate: number;
  /** from `since` (Unix seconds) on, these factors apply: how tests make a campaign get worse */
  change?: { since: number; cpmFactor: number; ctrFactor: number; leadRateFactor: number };
}

export interface CampaignIssue {
  level: string;
  error_code: number;
  error_summary: string;
  error_message: string;
  error_type: string;
}

export interface InsightsBehaviour {
  /** status polls an asynchronous report run answers "running" before it completes */
  reportPolls: number;
  reportOutcome: 'Job Completed' | 'Job Failed';
  /** Page/IG metrics Meta stops serving from now on (answered with the invalid-metric error) */
  retiredMetrics: string[];
}

export interface SimComment {
  id: string;
  platform: 'facebook' | 'instagram';
  /** the Page post or Instagram media */
  objectId: string;
  /** the Page or Instagram account the object belongs to */
  assetId: string;
  /** the top-level comment a reply is under; null for a top-level comment */
  parentId: string | null;
  from: { id: string; name: string };
  message: string;
  /** Unix seconds */
  createdTime: number;
  hidden: boolean;
  deleted: boolean;
}

export interface SimMessageTemplate {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  /** the body text with {{1}}-style placeholders */
  bodyText: string;
  /** the components as created through the API (whatsapp-management-routes.ts); a BODY of bodyText when absent */
  components?: unknown[];
  rejectedReason?: string;
}

/** A number's Cloud API registration and two-step verification PIN (whatsapp-management-routes.ts). */
export interface SimNumberRegistration {
  registered: boolean;
  /** set by the first registration of a number without one */
  pin: string | null;
  /** epoch seconds of registration and deregistration requests: 10 in 72 hours at most */
  requests: number[];
}

export interface SimBusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: string;
  profile_picture_url?: string;
}

export interface InboxBehaviour {
  /** after a Send API call, deliver the `message_echoes` webhook (when the Page subscribed to it) */
  echoes: boolean;
  /** after a WhatsApp send, deliver the `sent` (or `failed`) status webhook */
  whatsappSentStatus: boolean;
}
