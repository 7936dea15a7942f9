/**
 * The interfaces adapters implement. Core code depends on these only; handlers inject concrete adapters
 * (DynamoDB, KMS, SQS, EventBridge, the Graph API) built at start-up.
 */
import type { Page, PageRequest } from '../platform/core/ports';
import type { PageHealth } from '../modules/connections/ports';
import type { PostRecord, PostStatus, TargetState } from './publishing/post';
import type { CampaignRecord } from '../modules/ads/core/campaign';

export type {
  AuditFilter,
  AuditLog,
  Clock,
  CommandPublisher,
  EncryptionContext,
  EventPublisher,
  IdGenerator,
  MetaAppSecrets,
  Page,
  PageRequest,
  SecretsProvider,
  SettingsRepository,
  TokenVault,
} from '../platform/core/ports';

// moved: re-export until every importer moves
export type {
  AssetRoute,
  AssetRouteLookup,
  ConnectionActorDeps,
  ConnectionStore as ConnectionRepository,
  OAuthStateStore,
  PageHealth,
} from '../modules/connections/ports';

export type { MetaGraph } from './meta/meta-graph';

/** Watermarks of the scheduled syncs and the per-Page health shown on a connection. */
export interface SyncStateRepository {
  getWatermark(tenantId: string, connectionId: string, key: string): Promise<string | undefined>;
  saveWatermark(tenantId: string, connectionId: string, key: string, value: string): Promise<void>;
  updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: Partial<Omit<PageHealth, 'pageId'>>,
  ): Promise<void>;
  listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]>;
}

// moved: re-export until every importer moves
export type {
  DeletionRequest,
  DeletionRequestClaim,
  DeletionRequestRepository,
  ExportRecord,
  ExportRepository,
  ExportStore,
  ItemKey,
  PurgeStore,
} from '../modules/privacy/ports';

export interface PostRepository {
  put(post: PostRecord): Promise<void>;
  get(tenantId: string, postId: string): Promise<PostRecord | undefined>;
  list(tenantId: string, page: PageRequest, status?: string): Promise<Page<PostRecord>>;
  delete(tenantId: string, postId: string): Promise<void>;
  /** Sets one target's state without touching the others (jobs for other targets run at the same time). */
  updateTarget(tenantId: string, postId: string, key: string, state: TargetState): Promise<PostRecord>;
  setStatus(tenantId: string, postId: string, status: PostStatus): Promise<void>;
  /** Approved posts whose time has come, across tenants. */
  listDue(before: string, limit: number): Promise<Array<{ tenantId: string; postId: string }>>;
  /** Takes a due post off the due list; false when another run took it first. */
  claimDue(tenantId: string, postId: string): Promise<boolean>;
  /** Puts a claimed post back on the due list, leaving its targets' states as they are. */
  unclaim(post: PostRecord): Promise<void>;
  /**
   * Lets one publish job at a time work on a target: succeeds while the target is pending, or publishing
   * under a lease that ran out before `now`; returns the post as it is then, or undefined when not taken.
   */
  leaseTarget(
    tenantId: string,
    postId: string,
    key: string,
    until: string,
    now: string,
  ): Promise<PostRecord | undefined>;
}

export interface CampaignRepository {
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

export interface InsightPoint {
  assetId: string;
  metric: string;
  /** YYYY-MM-DD */
  date: string;
  value: number;
  /** epoch seconds; counted from the day the counter describes (13 months) */
  expiresAt?: number;
}

export interface InsightsRepository {
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
