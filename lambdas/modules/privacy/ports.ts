/**
 * What the privacy core needs from outside, and nothing more: the deletion requests, the purge's view of
 * the table, the tenant's exports and where their files go, the connections it revokes (through the
 * connections' contracts), and the calendar posts a purge trims. The platform's ports (clock, ids, bus,
 * audit, settings, secrets) are shared by every module. Each port has an in-memory fake in
 * test/modules/privacy/fakes.ts.
 */
import type { ConnectionStore } from '../connections/contracts/store';
import type { TextCipher } from '../inbox/contracts/store';
import type { PostStore as PostRepository } from '../publishing/contracts/store';
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  EventPublisher,
  IdGenerator,
  SecretsProvider,
  SettingsRepository,
} from '../../platform/core/ports';
import type { IdempotencyStore } from '../../platform/core/idempotency/idempotent-request';
import type { Metrics } from '../../platform/core/observability/metrics';
import type { DeletionRequest } from './contracts/deletion-requests';

export type { DeletionRequest } from './contracts/deletion-requests';

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

/** What revoking connections touches: the connections' store, through their contracts. */
export type PrivacyConnections = Pick<
  ConnectionStore,
  'get' | 'listByMetaUser' | 'update' | 'deletePageTokens'
>;

/** Meta's callbacks: verify, revoke every connection of the person, record and queue the deletion. */
export interface CallbackDeps {
  clock: Clock;
  ids: IdGenerator;
  secrets: SecretsProvider;
  events: EventPublisher;
  audit: AuditLog;
  commands: CommandPublisher;
  connections: PrivacyConnections;
  deletions: DeletionRequestRepository;
  /** base of the public status page URL given to Meta */
  statusBaseUrl: string;
}

/** The deletion worker's purges. */
export interface PurgeDeps {
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  audit: AuditLog;
  commands: CommandPublisher;
  settings: Pick<SettingsRepository, 'get'>;
  connections: Pick<ConnectionStore, 'get'>;
  deletions: Pick<DeletionRequestRepository, 'markPurged'>;
  purge: PurgeStore;
  /** calendar posts: a post's Meta ids and permalinks for the connection's assets go with it */
  posts: Pick<PostRepository, 'list' | 'delete' | 'put'>;
  /** the tenant's export records and files: they hold a copy of the purged data */
  exports: Pick<ExportRepository, 'listAll' | 'remove'>;
  exportStore: Pick<ExportStore, 'remove'>;
  /** answers kept for `Idempotency-Key` retries: they hold copies of what was created */
  idempotency: Pick<IdempotencyStore, 'forgetTenant'>;
  metrics: Metrics;
}

/** A tenant's export: requested by the API, written by the worker, downloaded through a signed link. */
export interface ExportDeps {
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  exports: ExportRepository;
  store: ExportStore;
  commands: CommandPublisher;
  /** opens the inbox's sealed text for the person it is about */
  cipher: Pick<TextCipher, 'decrypt'>;
}
