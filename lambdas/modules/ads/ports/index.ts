/**
 * What the ads core needs from outside, and nothing more: its campaign store, its slice of the Marketing
 * API, the few things it reads about connections, and the ad accounts' pace (platform). The platform's
 * ports (clock, ids, vault, bus, audit, settings) are shared by every module. Each port has an in-memory
 * fake in test/modules/ads/fakes.ts.
 */
import type {
  CommandPublisher,
  DelayedJobSender,
  Page,
  PageRequest,
  PlatformDeps,
} from '../../../platform/core/ports';
import type { AdAccountPaceStore, UsageObserver } from '../../../platform/core/graph/ad-account-pace';
import type { Metrics } from '../../../platform/core/observability/metrics';
import type { AccountMinimums, CampaignRecord } from '../core/campaign';
import type { ConnectionView, TokenRefusalReport } from '../../connections/contracts/acting-connections';

export type { UsageObserver };

export interface CampaignStore {
  put(c: CampaignRecord): Promise<void>;
  /**
   * Writes `c` (with `rev` one above `expectedRev`) only if the stored record is still at `expectedRev`
   * (absent = never revised); false when someone else changed it first.
   */
  putIf(c: CampaignRecord, expectedRev: number | undefined): Promise<boolean>;
  /** Sets the status-sync figures alone, leaving the rest as it is. */
  saveSync(tenantId: string, id: string, sync: NonNullable<CampaignRecord['sync']>): Promise<void>;
  get(tenantId: string, id: string): Promise<CampaignRecord | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<CampaignRecord>>;
}

export type AdObjectKind = 'campaign' | 'adset' | 'creative' | 'ad';

/** A campaign as Meta's `POST /act_{id}/campaigns` takes it (the port and its Graph gateway share it). */
export interface CampaignSpec {
  name: string;
  objective: string;
  specialAdCategories: string[];
  /** where ads in a special ad category run; required by Meta when there are categories */
  specialAdCategoryCountries?: string[];
}

/** An ad set as Meta's `POST /act_{id}/adsets` takes it. */
export interface AdSetSpec {
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
}

/** The ads module's slice of the Marketing API. Each call reports Meta's usage headers to `observe`. */
export interface AdsGraph {
  createCampaign(
    adAccountId: string,
    token: string,
    c: CampaignSpec,
    observe?: UsageObserver,
  ): Promise<string>;
  createAdSet(adAccountId: string, token: string, a: AdSetSpec, observe?: UsageObserver): Promise<string>;
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
  /**
   * The campaign (under the account), ad set (under the campaign), creative (under the account) or ad
   * (under the ad set) whose name carries `tag`: the read-back before repeating a create whose answer was
   * lost, since the Marketing API has no idempotency key.
   */
  findAdObjectByName(
    kind: AdObjectKind,
    parentId: string,
    tag: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<string | null>;
  /** What Meta says a campaign is doing now, and why it may not deliver. */
  campaignStatus(
    campaignId: string,
    token: string,
    observe?: UsageObserver,
  ): Promise<{ effectiveStatus: string; issues: string[] }>;
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
  adAccountMinimums(adAccountId: string, token: string): Promise<AccountMinimums | null>;
}

/** A connection as the ads module sees it (the Marketing API takes its user token). */
export interface AdsConnection extends ConnectionView {
  selection: { adAccounts: string[]; pages: string[] };
}

/** What a connection's asset listing says about its ad accounts and lead forms. */
export interface AdsAssets {
  adAccounts: Array<{ id: string; currency?: string | null }>;
  leadForms: Array<{ id: string; pageId: string }>;
}

/** What the ads module reads about connections (the connections module's data), and the one change it makes. */
export interface AdsConnections extends TokenRefusalReport {
  get(tenantId: string, connectionId: string): Promise<AdsConnection | undefined>;
  /** The tenant's connections. */
  list(tenantId: string): Promise<AdsConnection[]>;
  /** Every connection of every tenant (the status sync walks them). */
  all(): Promise<AdsConnection[]>;
  /** The connection's last asset listing; undefined before the first. */
  assets(tenantId: string, connectionId: string): Promise<AdsAssets | undefined>;
}

/** Everything the campaigns API, the ads worker and the status sync use; each use case takes its part. */
export interface AdsDeps extends PlatformDeps {
  commands: CommandPublisher;
  campaigns: CampaignStore;
  connections: AdsConnections;
  graph: AdsGraph;
  /** each ad account's pause, as Meta's usage headers decided it */
  paces: AdAccountPaceStore;
  /** short pauses are slept in the worker (injectable so tests need not wait) */
  sleep: (ms: number) => Promise<void>;
  /** where the ads queue is reachable directly: a long pause re-queues the job with that delay */
  delayedJobs?: DelayedJobSender;
  /** business metrics: approvals, rate-limit waits */
  metrics: Metrics;
}
