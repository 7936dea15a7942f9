import type {
  ConnectionActorDeps,
  DeletionRequestRepository,
  ExportRepository,
  ExportStore,
  PostRepository,
  PurgeStore,
  SecretsProvider,
  SettingsRepository,
} from '../ports';
import type { CommandPublisher } from '../../platform/core/ports';
import type { IdempotencyStore } from '../../platform/core/idempotency/idempotent-request';
import type { Metrics } from '../../platform/core/observability/metrics';

export interface PrivacyDeps extends ConnectionActorDeps {
  secrets: SecretsProvider;
  deletions: DeletionRequestRepository;
  purge: PurgeStore;
  settings: SettingsRepository;
  /** calendar posts: a post's Meta ids and permalinks for the connection's assets go with it */
  posts: PostRepository;
  /** the tenant's export records and files: they hold a copy of the purged data */
  exports: ExportRepository;
  exportStore: ExportStore;
  /** answers kept for `Idempotency-Key` retries: they hold copies of what was created */
  idempotency: Pick<IdempotencyStore, 'forgetTenant'>;
  commands: CommandPublisher;
  /** detail-type of the purge command the deletion worker consumes */
  purgeDetailType: string;
  /** base of the public status page URL given to Meta */
  statusBaseUrl: string;
  metrics: Metrics;
}
