/**
 * The leads module's wiring: from the platform's shared pieces (table, bus, Graph client, vault) it builds
 * only the adapters the leads use cases take — its store, its Graph slice, what it reads about
 * connections — for the lead worker and reconciliation (pipeline) and the leads API (api).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionRepository } from '../../adapters/dynamodb/connection-repository';
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import type { Metrics } from '../../platform/core/observability/metrics';
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  EventPublisher,
  IdGenerator,
  SettingsRepository,
  TokenVault,
} from '../../platform/core/ports';
import { ConnectionsForLeads } from './adapters/connections-for-leads';
import { DynamoLeadStore } from './adapters/dynamo-lead-store';
import { LeadsGraphGateway } from './adapters/leads-graph-gateway';
import type { LeadApiDeps, LeadPipelineDeps } from './ports';

export interface LeadsPlatform {
  db: DynamoDBDocumentClient;
  tableName: string;
  graphClient: GraphClient;
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  commands: CommandPublisher;
  audit: AuditLog;
  settings: SettingsRepository;
  metrics: Metrics;
}

export interface LeadsWiring {
  pipeline: LeadPipelineDeps;
  api: LeadApiDeps;
}

export function leadsWiring(p: LeadsPlatform): LeadsWiring {
  const { clock, ids, vault, events, commands, audit, settings, metrics } = p;
  const connections = new ConnectionsForLeads({
    connections: new DynamoConnectionRepository(p.db, p.tableName),
    events,
    audit,
    clock,
    ids,
  });
  const leads = new DynamoLeadStore(p.db, p.tableName);
  return {
    pipeline: {
      clock,
      ids,
      vault,
      events,
      audit,
      settings,
      connections,
      leads,
      syncState: new DynamoSyncState(p.db, p.tableName),
      graph: new LeadsGraphGateway(p.graphClient),
      metrics,
    },
    api: { clock, ids, events, audit, settings, commands, connections, leads },
  };
}
