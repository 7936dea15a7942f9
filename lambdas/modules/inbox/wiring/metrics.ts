/** The inbox figures job: the table only (it counts what the inbox stores). */
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { tableConfig, type Env } from '../../../platform/wiring/env';
import type { Runtime, TableConfig } from '../../../platform/wiring/runtime';
import { tableAccess } from '../../../platform/wiring/table';
import { ConnectionsForInbox } from '../adapters/connections-for-inbox';
import { DynamoInboxMetricsRepository } from '../adapters/dynamo-inbox-metrics-store';
import { DynamoInboxRepository } from '../adapters/dynamo-inbox-store';
import type { InboxMetricsDeps } from '../core/inbox-metrics';

export type InboxMetricsRuntime = Runtime<TableConfig, 'dynamo'>;

export function inboxMetricsFromRuntime(rt: InboxMetricsRuntime): InboxMetricsDeps {
  const { db, tableName } = tableAccess(rt);
  return {
    clock: rt.clock,
    connections: new ConnectionsForInbox(new DynamoConnectionStore(db, tableName)),
    inbox: new DynamoInboxRepository(db, tableName),
    inboxMetrics: new DynamoInboxMetricsRepository(db, tableName),
  };
}

export const awsInboxMetricsRuntime = (env: Env = process.env): InboxMetricsRuntime =>
  awsRuntimeOf(env, tableConfig, (trace) => ({ dynamo: awsDynamo(trace) }));
