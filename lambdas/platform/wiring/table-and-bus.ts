/**
 * The parts most use cases take, built for a function that has the table and the bus: the table (with
 * the audit log and settings every module shares), the bus's events and commands, time, ids and the
 * business metrics. A module's wiring spreads them into its use cases' dependencies and adds its own
 * stores, so these are built one way everywhere.
 */
import type { Metrics } from '../core/observability/metrics';
import { busAccess } from './bus';
import type { BusConfig, Runtime, TableConfig } from './runtime';
import { tableAccess } from './table';

/** the table's parts (tableAccess), the bus's publishers (busAccess), time, ids and the metrics */
export type TableAndBus = ReturnType<typeof tableAccess> &
  Pick<ReturnType<typeof busAccess>, 'events' | 'commands'> &
  Pick<Runtime, 'clock' | 'ids'> & { metrics: Metrics };

export function tableAndBus(rt: Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge'>): TableAndBus {
  const { db, tableName, audit, settings } = tableAccess(rt);
  const { events, commands } = busAccess(rt);
  return {
    db,
    tableName,
    audit,
    settings,
    events,
    commands,
    clock: rt.clock,
    ids: rt.ids,
    metrics: rt.telemetry.metrics,
  };
}
