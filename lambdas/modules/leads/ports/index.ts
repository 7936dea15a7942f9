import type {
  AssetRouteLookup,
  AuditLog,
  Clock,
  ConnectionRepository,
  EventPublisher,
  IdGenerator,
  LeadRepository,
  SettingsRepository,
  SyncStateRepository,
  TokenVault,
} from '../../../core/ports';
import type { MetaGraph } from '../../../core/meta/meta-graph';

export interface LeadDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  routes: AssetRouteLookup;
  leads: LeadRepository;
  graph: MetaGraph;
  syncState: SyncStateRepository;
  settings: SettingsRepository;
}
