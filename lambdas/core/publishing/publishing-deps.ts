import type {
  AuditLog,
  Clock,
  ConnectionRepository,
  EventPublisher,
  IdGenerator,
  PostRepository,
  SettingsRepository,
  TokenVault,
} from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { CommandPublisher } from '../leads/manage-leads';

export interface PublishingDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  posts: PostRepository;
  settings: SettingsRepository;
  graph: MetaGraph;
  commands: CommandPublisher;
  /** detail-type of the publish job command (publish queue) */
  publishDetailType: string;
  /** waits between Instagram container polls, injectable so tests do not sleep */
  sleep: (ms: number) => Promise<void>;
}
