/**
 * The interfaces adapters implement. Core code depends on these only; handlers inject concrete adapters
 * (DynamoDB, KMS, SQS, EventBridge, the Graph API) built at start-up.
 */
import type { PageHealth } from '../modules/connections/ports';

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

// moved: re-export until every importer moves
export type { PostStore as PostRepository } from '../modules/publishing/ports';
