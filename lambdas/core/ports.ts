/**
 * The interfaces adapters implement. Core code depends on these only; handlers inject concrete adapters
 * (DynamoDB, KMS, SQS, EventBridge, the Graph API) built at start-up.
 */
import type { Page, PageRequest } from '../platform/core/ports';
import type { PageHealth } from '../modules/connections/ports';
import type { PostRecord, PostStatus, TargetState } from './publishing/post';
import type { CampaignRecord } from './ads/campaign';

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
export type { DataKeyStore, InboxRepository, ReplyRepository } from './inbox/inbox-ports';
export type { InboxGraph } from './inbox/inbox-graph';
export type { ReplyAssistant } from './inbox/reply-assistant';

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

export type { DeletionRequest } from '../modules/privacy/contracts/deletion-requests';
import type { DeletionRequest } from '../modules/privacy/contracts/deletion-requests';

/**
 * The answer to one delivery of a signed data-deletion request: the code every delivery of it gets,
 * and whether this delivery does the work (the first one, or one taking over from a first delivery
 * whose lease ran out without finishing).
 */
export interface DeletionRequestClaim {
  code: string;
  proceed: boolean;
  reason: 'first_delivery' | 'resumed_after_lapse' | 'replay_answered' | 'replay_while_in_progress';
}

export interface DeletionRequestRepository {
  create(request: DeletionRequest, expiresAt: Date): Promise<void>;
  /**
   * Claims a signed request (by its digest) for `code` and a lease until `leaseUntil`, unless it was
   * claimed before: then the earlier code is answered, and the work is taken over only when the
   * earlier lease lapsed unfinished. Conditional writes, so deliveries at once agree on one code.
   */
  claimRequest(
    digest: string,
    claim: { code: string; now: Date; leaseUntil: Date; expiresAt: Date },
  ): Promise<DeletionRequestClaim>;
  /** Marks the claim's work (revocation, record, queued purges) as finished. */
  finishRequest(digest: string): Promise<void>;
  get(code: string): Promise<DeletionRequest | undefined>;
  /** Records one connection as purged and returns the request as it now stands. */
  markPurged(
    code: string,
    tenantId: string,
    connectionId: string,
    at: string,
    outcome?: { keptLeads: boolean },
  ): Promise<DeletionRequest | undefined>;
}

export interface ItemKey {
  pk: string;
  sk: string;
}

/** Finds and deletes a connection's items; the deletion worker repeats it until nothing is left. */
export interface PurgeStore {
  /**
   * Keys of items in the tenant partition that carry the connection's id, about `limit` at a time from
   * `cursor` on; `cursor` is undefined once the partition has been read to its end.
   */
  connectionItemKeys(
    tenantId: string,
    connectionId: string,
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ): Promise<{ keys: ItemKey[]; cursor?: string }>;
  /** Keys of the asset → tenant routes of the connection. */
  routeKeys(tenantId: string, connectionId: string, assetIds: string[]): Promise<ItemKey[]>;
  deleteKeys(keys: ItemKey[]): Promise<void>;
  /** The connection record itself, last: until then it tells a resumed purge what to look for. */
  deleteConnection(tenantId: string, connectionId: string): Promise<void>;
  /**
   * Keys of the items of one connection kept for any of these assets (by their Page, asset, form or ad
   * account id), a page at a time; leads stay out when the tenant keeps CRM leads.
   */
  assetItemKeys(
    tenantId: string,
    connectionId: string,
    assetIds: string[],
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ): Promise<{ keys: ItemKey[]; cursor?: string }>;
}

/** Where a tenant's export file goes: S3 in AWS, a local file with `npm start`. */
export interface ExportStore {
  write(tenantId: string, exportId: string, lines: string[]): Promise<{ location: string; bytes: number }>;
  /** A link the tenant can download the file from, valid for a limited time. */
  downloadUrl(location: string): Promise<string>;
  /** Deletes the file; a file already gone is not an error. */
  remove(location: string): Promise<void>;
}

export interface ExportRecord {
  tenantId: string;
  id: string;
  status: 'pending' | 'completed' | 'failed';
  requestedAt: string;
  requestedBy: string;
  completedAt?: string;
  location?: string;
  items?: number;
  bytes?: number;
}

export interface ExportRepository {
  save(record: ExportRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<ExportRecord | undefined>;
  /** Every export record of the tenant (the purge deletes their files: they hold the purged data). */
  listAll(tenantId: string): Promise<ExportRecord[]>;
  remove(tenantId: string, id: string): Promise<void>;
  /** Every item of the tenant's partition, a page at a time (what the export contains). */
  tenantItems(
    tenantId: string,
    cursor?: string,
  ): Promise<{ items: Record<string, unknown>[]; cursor?: string }>;
}

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
