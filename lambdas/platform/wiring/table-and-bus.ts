/**
 * The parts most use cases take, built for a function that has the table and the bus: the table (with
 * the audit log and settings every module shares), the bus's events and commands, time, ids and the
 * business metrics. A module's wiring spreads them into its use cases' dependencies and adds its own
 * stores, so these are built one way everywhere.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Metrics } from '../core/observability/metrics';
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  EventPublisher,
  IdGenerator,
  SettingsRepository,
} from '../core/ports';
import { busAccess } from './bus';
import type { BusConfig, Runtime, TableConfig } from './runtime';
import { tableAccess } from './table';

export interface TableAndBus {
  db: DynamoDBDocumentClient;
  tableName: string;
  audit: AuditLog;
  settings: SettingsRepository;
  events: EventPublisher;
  commands: CommandPublisher;
  clock: Clock;
  ids: IdGenerator;
  metrics: Metrics;
}

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
