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
import type { ContentGraph, ContentRepository } from './content-ports';

export interface ContentDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  settings: SettingsRepository;
  content: ContentRepository;
  contentGraph: ContentGraph;
  /** the calendar, read to link its published posts to their content */
  posts: Pick<PostRepository, 'get'>;
}
