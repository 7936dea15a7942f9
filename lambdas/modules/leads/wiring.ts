/**
 * The leads module's wiring: from the platform's shared pieces it builds only the adapters the leads use
 * cases take — its store, its Graph slice, what it reads about connections — for the lead worker and the
 * reconciliation (pipeline: table, bus, Graph API, vault) and for the leads API (table and bus only).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionStore } from '../connections/contracts/store';
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
import type { IdempotencyGate } from '../../platform/handlers/idempotency';
import { moduleIdempotencyGate } from '../../platform/wiring/http-idempotency';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { busAccess } from '../../platform/wiring/bus';
import { busConfig, tableConfig, tenantApiConfig, type Env } from '../../platform/wiring/env';
import { graphAccess } from '../../platform/wiring/graph';
import { awsGraphWorkerRuntime, type GraphWorkerRuntime } from '../../platform/wiring/graph-caller';
import type { BusConfig, Runtime, TableConfig, TenantApiConfig } from '../../platform/wiring/runtime';
import { tableAccess } from '../../platform/wiring/table';
import { ConnectionsForLeads } from './adapters/connections-for-leads';
import { DynamoLeadStore } from './adapters/dynamo-lead-store';
import { LeadsGraphGateway } from './adapters/leads-graph-gateway';
import { LEADS_MODULE } from './module';
import type { LeadApiDeps, LeadPipelineDeps } from './ports';

/** What both sides share: the table, the bus and the platform's stores. */
export interface LeadsPlatform {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
  ids: IdGenerator;
  events: EventPublisher;
  commands: CommandPublisher;
  audit: AuditLog;
  settings: SettingsRepository;
  metrics: Metrics;
}

function shared(p: LeadsPlatform) {
  const { clock, ids, events, audit } = p;
  return {
    connections: new ConnectionsForLeads({
      connections: new DynamoConnectionStore(p.db, p.tableName),
      events,
      audit,
      clock,
      ids,
    }),
    leads: new DynamoLeadStore(p.db, p.tableName),
  };
}

export function leadPipelineWiring(
  p: LeadsPlatform & { graphClient: GraphClient; vault: TokenVault },
): LeadPipelineDeps {
  const { clock, ids, vault, events, audit, settings, metrics } = p;
  return {
    clock,
    ids,
    vault,
    events,
    audit,
    settings,
    ...shared(p),
    syncState: new DynamoSyncState(p.db, p.tableName),
    graph: new LeadsGraphGateway(p.graphClient),
    metrics,
  };
}

export function leadApiWiring(p: LeadsPlatform): LeadApiDeps {
  const { clock, ids, events, commands, audit, settings } = p;
  return { clock, ids, events, audit, settings, commands, ...shared(p) };
}

function platformOf(rt: Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge'>): LeadsPlatform {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  return {
    db,
    tableName,
    clock: rt.clock,
    ids: rt.ids,
    events,
    commands,
    audit,
    settings,
    metrics: rt.telemetry.metrics,
  };
}

/** The lead worker and the reconciliation: the table, the bus, the Graph API (Meta secret), the vault, the queue. */
export type LeadPipelineRuntime = GraphWorkerRuntime;

export function leadPipelineFromRuntime(rt: LeadPipelineRuntime): LeadPipelineDeps {
  return leadPipelineWiring({
    ...platformOf(rt),
    graphClient: graphAccess(rt).client,
    vault: rt.clients.vault,
  });
}

export const awsLeadPipelineRuntime = awsGraphWorkerRuntime;

/** The leads API: the table and the bus (backfills and status feedback are commands for the worker). */
export type LeadApiRuntime = Runtime<TableConfig & BusConfig & TenantApiConfig, 'dynamo' | 'eventBridge'>;

export function leadApiFromRuntime(rt: LeadApiRuntime): {
  api: LeadApiDeps;
  httpIdempotency: IdempotencyGate;
} {
  const p = platformOf(rt);
  return {
    api: leadApiWiring(p),
    httpIdempotency: moduleIdempotencyGate(LEADS_MODULE, p, rt.config.tenantClaim),
  };
}

export const awsLeadApiRuntime = (env: Env = process.env): LeadApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace) }),
  );
