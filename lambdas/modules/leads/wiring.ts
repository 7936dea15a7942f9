/**
 * The leads module's wiring: from the platform's shared pieces it builds only the adapters the leads use
 * cases take — its store, its Graph slice, what it reads about connections — for the lead worker and the
 * reconciliation (pipeline: table, bus, Graph API, vault) and for the leads API (table and bus only).
 */
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import type { TokenVault } from '../../platform/core/ports';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { busConfig, tableConfig, tenantApiConfig, type Env } from '../../platform/wiring/env';
import { graphAccess } from '../../platform/wiring/graph';
import { awsGraphWorkerRuntime, type GraphWorkerRuntime } from '../../platform/wiring/graph-caller';
import type { BusConfig, Runtime, TableConfig, TenantApiConfig } from '../../platform/wiring/runtime';
import { tableAndBus, type TableAndBus } from '../../platform/wiring/table-and-bus';
import { ConnectionsForLeads } from './adapters/connections-for-leads';
import { DynamoLeadStore } from './adapters/dynamo-lead-store';
import { LeadsGraphGateway } from './adapters/leads-graph-gateway';
import type { LeadApiDeps, LeadPipelineDeps } from './ports';

function shared(p: TableAndBus) {
  return {
    connections: ConnectionsForLeads.inTable(p),
    leads: new DynamoLeadStore(p.db, p.tableName),
  };
}

export function leadPipelineWiring(
  p: TableAndBus & { graphClient: GraphClient; vault: TokenVault },
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

export function leadApiWiring(p: TableAndBus): LeadApiDeps {
  const { clock, ids, events, commands, audit, settings } = p;
  return { clock, ids, events, audit, settings, commands, ...shared(p) };
}

/** The lead worker and the reconciliation: the table, the bus, the Graph API (Meta secret), the vault, the queue. */
export type LeadPipelineRuntime = GraphWorkerRuntime;

export function leadPipelineFromRuntime(rt: LeadPipelineRuntime): LeadPipelineDeps {
  return leadPipelineWiring({
    ...tableAndBus(rt),
    graphClient: graphAccess(rt).client,
    vault: rt.clients.vault,
  });
}

export const awsLeadPipelineRuntime = awsGraphWorkerRuntime;

/** The leads API: the table and the bus (backfills and status feedback are commands for the worker). */
export type LeadApiRuntime = Runtime<TableConfig & BusConfig & TenantApiConfig, 'dynamo' | 'eventBridge'>;

export const leadApiFromRuntime = (rt: LeadApiRuntime): LeadApiDeps => leadApiWiring(tableAndBus(rt));

export const awsLeadApiRuntime = (env: Env = process.env): LeadApiRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e), ...tenantApiConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), eventBridge: awsEventBridge(trace, env) }),
  );
