import type {
  AssetRouteLookup,
  ConnectionActorDeps,
  SettingsRepository,
  SyncStateRepository,
} from '../ports';
import type { CommandPublisher } from '../../platform/core/ports';
import type { TextCipher } from './field-cipher';
import type { InboxGraph } from './inbox-graph';
import type { InboxRepository, ReplyRepository } from './inbox-ports';
import type { ReplyAssistant } from './reply-assistant';
import type { Metrics } from '../../platform/core/observability/metrics';

export interface InboxDeps extends ConnectionActorDeps {
  routes: AssetRouteLookup;
  settings: SettingsRepository;
  syncState: SyncStateRepository;
  inbox: InboxRepository;
  replies: ReplyRepository;
  cipher: TextCipher;
  inboxGraph: InboxGraph;
  assistant: ReplyAssistant;
  commands: CommandPublisher;
  /** detail-type of the command that sends an approved reply (inbox queue) */
  sendDetailType: string;
  metrics: Metrics;
}
