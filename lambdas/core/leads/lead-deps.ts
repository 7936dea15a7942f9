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
} from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { Metrics } from '../observability/metrics';

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
  metrics: Metrics;
}
