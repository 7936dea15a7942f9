/**
 * The interfaces adapters implement. Core code depends on these only; handlers inject concrete adapters
 * (DynamoDB, KMS, SQS, EventBridge, the Graph API) built at start-up.
 */
import type { ConnectionRecord, PageTokenRecord } from './connections/connection';
import type { AssetCatalog, AssetSelection } from './connections/assets';
import type {
  AuditLog,
  Clock,
  EventPublisher,
  IdGenerator,
  Page,
  PageRequest,
  TokenVault,
} from '../platform/core/ports';

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

/** Records that an OAuth `state` nonce was consumed; true the first time only. */
export interface OAuthStateStore {
  consume(nonce: string, expiresAt: Date): Promise<boolean>;
}

/**
 * What every use case that acts for a connection needs: time, ids, the token vault, events, the audit log
 * and the connections.
 */
export interface ConnectionActorDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
}

export interface ConnectionRepository extends AssetRouteLookup {
  /** Conditional create: fails with conflict if the id exists. */
  create(connection: ConnectionRecord): Promise<void>;
  get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<ConnectionRecord>>;
  /**
   * Writes the whole connection. Refused with conflict `connection_revoked` when the stored connection is
   * gone or revoked, so a worker holding a copy read before a disconnect cannot bring the connection, or its
   * token, back. Revoking again, and a fresh OAuth grant (`reconnect`), may overwrite a revoked connection.
   */
  update(connection: ConnectionRecord, options?: { reconnect?: boolean }): Promise<void>;
  /** Every connection of a Meta user, across tenants (deauthorize, data deletion). */
  listByMetaUser(metaUserId: string): Promise<ConnectionRecord[]>;
  /** Every connection of every tenant, a page at a time (the token watch walks them). */
  listAll(page: PageRequest): Promise<Page<ConnectionRecord>>;
  savePageTokens(tenantId: string, connectionId: string, tokens: PageTokenRecord[]): Promise<void>;
  /** Removes every Page token of the connection (they die with the user token they came from). */
  deletePageTokens(tenantId: string, connectionId: string): Promise<number>;
  /** Removes one Page's token (the Page was revoked); true when there was one. */
  deletePageToken(tenantId: string, connectionId: string, pageId: string): Promise<boolean>;
  getPageToken(tenantId: string, connectionId: string, pageId: string): Promise<PageTokenRecord | undefined>;
  saveAssets(tenantId: string, connectionId: string, catalog: AssetCatalog): Promise<void>;
  getAssets(tenantId: string, connectionId: string): Promise<AssetCatalog | undefined>;
  /** Stores the selection and the asset → tenant routes that webhooks fan out on. */
  saveSelection(
    tenantId: string,
    connectionId: string,
    selection: AssetSelection,
    previous: AssetSelection,
  ): Promise<void>;
}

export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

export interface AssetRouteLookup {
  /** Every tenant (and its connection) that selected this Meta asset. */
  routesFor(assetId: string): Promise<AssetRoute[]>;
  /** Every selection of one kind across all tenants (the scheduled jobs walk these). */
  listSelected(assetType: string): Promise<AssetRoute[]>;
}

export type { MetaGraph } from './meta/meta-graph';

export interface PageHealth {
  pageId: string;
  lastDeliveryAt: string | null;
  lastReconciliation: { at: string; outcome: string; fetched: number; stored: number } | null;
  lastSubscriptionCheck: { at: string; outcome: string } | null;
}

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

/** A data-deletion request (Meta's callback or a disconnect), the public status behind a confirmation code. */
export interface DeletionRequest {
  code: string;
  source: 'meta_data_deletion' | 'meta_deauthorize' | 'disconnect';
  /** Meta's app-scoped user id for callbacks; absent for a disconnect */
  metaUserId?: string;
  status: 'pending' | 'completed';
  requestedAt: string;
  completedAt?: string;
  connections: Array<{ tenantId: string; connectionId: string; purgedAt?: string; keptLeads?: boolean }>;
}

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
  /** Removes the Page tokens of a connection at once (revocation must not wait for the purge). */
  deletePageTokens(tenantId: string, connectionId: string): Promise<number>;
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

// moved: re-export until every importer moves
export type { PostStore as PostRepository } from '../modules/publishing/ports';
