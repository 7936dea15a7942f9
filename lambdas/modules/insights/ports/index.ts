/**
 * What the insights core needs from outside, and nothing more: its counter store, its backfill records,
 * its slice of the Graph API, the few things it reads about connections and about the campaigns the ads
 * module made, and the ad accounts' pace (platform). The platform's ports (clock, ids, vault, bus, audit)
 * are shared by every module. Each port has an in-memory fake in test/modules/insights/fakes.ts.
 */
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  IdGenerator,
  TokenVault,
} from '../../../platform/core/ports';
import type { PaceDeps, UsageObserver } from '../../../platform/core/graph/ad-account-pace';
import type { BackfillRecord } from '../core/backfill-insights';
import type {
  ConnectionView,
  PageTokenReads,
  TokenRefusalReport,
} from '../../connections/contracts/acting-connections';

export interface InsightPoint {
  assetId: string;
  metric: string;
  /** YYYY-MM-DD */
  date: string;
  value: number;
  /** epoch seconds; counted from the day the counter describes (13 months) */
  expiresAt?: number;
}

export interface InsightsStore {
  putPoints(tenantId: string, connectionId: string, points: InsightPoint[], expiresAt: number): Promise<void>;
  /** Remembers that Meta no longer serves a metric for an asset, so it is reported, never shown as 0. */
  markUnavailable(
    tenantId: string,
    connectionId: string,
    assetId: string,
    metric: string,
    reason: string,
  ): Promise<void>;
  unavailableReason(tenantId: string, assetId: string, metric: string): Promise<string | undefined>;
  /** The metrics recorded as no longer served for this asset (not asked for again). */
  listUnavailable(tenantId: string, assetId: string): Promise<string[]>;
  query(
    tenantId: string,
    assetId: string,
    metric: string,
    since: string,
    until: string,
  ): Promise<InsightPoint[]>;
}

export interface InsightsBackfillStore {
  save(record: BackfillRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<BackfillRecord | undefined>;
  /**
   * Marks a queued backfill running (or one whose run started before `staleBefore` and never finished);
   * false when another run holds it or it is done — queues deliver a message more than once.
   */
  claim(tenantId: string, id: string, startedAt: string, staleBefore: string): Promise<boolean>;
}

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

/** The insights module's slice of the Graph API. */
export interface InsightsGraph {
  /** Page or Instagram daily series of several metrics (`since`/`until` in Unix seconds, until exclusive). */
  insightsSeries(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, Array<{ date: string; value: number }>>>;
  /** Instagram totals over a range (`metric_type=total_value`). */
  insightsTotals(
    objectId: string,
    token: string,
    metrics: string[],
    since: number,
    until: number,
  ): Promise<Record<string, number>>;
  /** Every campaign of an ad account by day (`level=campaign`), within Meta's synchronous window. */
  accountCampaignDays(
    adAccountId: string,
    token: string,
    since: string,
    until: string,
    observe?: UsageObserver,
  ): Promise<CampaignDay[]>;
  /** The same as an asynchronous report run, for longer ranges; its id. */
  startAccountInsightsReport(
    adAccountId: string,
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
}

/** A tenant (and its connection) that selected a Meta asset. */
export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

/** A connection as the insights module sees it. */
export type InsightsConnection = ConnectionView;

/** What the insights module reads about connections (the connections module's data), and the one change it makes. */
export interface InsightsConnections extends PageTokenReads, TokenRefusalReport {
  /** Every tenant's selected assets of one kind: `pages`, `instagramAccounts`, `adAccounts`. */
  selected(assetType: 'pages' | 'instagramAccounts' | 'adAccounts'): Promise<AssetRoute[]>;
  get(tenantId: string, connectionId: string): Promise<InsightsConnection | undefined>;
}

/** The tenant's campaigns created at Meta (the ads module's data), for the recommendations. */
export interface ManagedCampaigns {
  createdAtMeta(tenantId: string): Promise<Array<{ campaignId: string; metaCampaignId: string }>>;
}

/** Everything the sync, the backfills and the insights API use; each use case takes its part. */
export interface InsightsDeps extends PaceDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  audit: AuditLog;
  commands: CommandPublisher;
  insights: InsightsStore;
  backfills: InsightsBackfillStore;
  connections: InsightsConnections;
  campaigns: ManagedCampaigns;
  graph: InsightsGraph;
}
