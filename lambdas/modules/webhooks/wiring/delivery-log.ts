/** The delivery-log worker's wiring: the table, and the queue its batches come from. */
import { DynamoDeliveryLog } from '../adapters/dynamo-delivery-log';
import type { DeliveryLog } from '../ports';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import { queueConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import type { QueueConfig, Runtime, TableConfig } from '../../../platform/wiring/runtime';

export type DeliveryLogRuntime = Runtime<TableConfig & QueueConfig, 'dynamo' | 'sqs'>;

export const awsDeliveryLogRuntime = (env: Env = process.env): DeliveryLogRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...queueConfig(e) }),
    (trace) => ({ dynamo: awsDynamo(trace), sqs: awsSqs(trace) }),
  );

export const deliveryLogWiring = (rt: DeliveryLogRuntime): { deliveries: DeliveryLog } => ({
  deliveries: new DynamoDeliveryLog(rt.clients.dynamo, rt.config.tableName),
});
