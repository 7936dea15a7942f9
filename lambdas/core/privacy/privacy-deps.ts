import type {
  AuditLog,
  Clock,
  ConnectionRepository,
  DeletionRequestRepository,
  EventPublisher,
  IdGenerator,
  PurgeStore,
  SecretsProvider,
  SettingsRepository,
  TokenVault,
} from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { CommandPublisher } from '../leads/manage-leads';

export interface PrivacyDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  secrets: SecretsProvider;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  deletions: DeletionRequestRepository;
  purge: PurgeStore;
  settings: SettingsRepository;
  graph: MetaGraph;
  commands: CommandPublisher;
  /** detail-type of the purge command the deletion worker consumes */
  purgeDetailType: string;
  /** base of the public status page URL given to Meta */
  statusBaseUrl: string;
}
