/**
 * The webhooks module's wiring: the endpoint gets the Meta app secrets (signatures), the bus (the
 * hand-off) and the table (parking only); the delivery-log worker gets the table. Nothing else is built
 * or bundled: no Graph client, no vault, no other module's stores.
 */
import { DynamoDeliveryLog } from './adapters/dynamo-delivery-log';
import { BusHandOff } from './adapters/bus-hand-off';
import type { ReceiveDeps } from './core/receive-delivery';
import type { DeliveryLog } from './ports';
import { EventBridgeBus } from '../../platform/adapters/events/event-bus';
import { awsDynamo } from '../../platform/wiring/aws/dynamo';
import { awsEventBridge } from '../../platform/wiring/aws/event-bridge';
import { tracedMetaSecrets } from '../../platform/wiring/aws/meta-secrets';
import { awsRuntimeOf } from '../../platform/wiring/aws-runtime';
import { awsSqs } from '../../platform/wiring/aws/sqs';
import { busConfig, queueConfig, tableConfig, type Env } from '../../platform/wiring/env';
import type { BusConfig, QueueConfig, Runtime, TableConfig } from '../../platform/wiring/runtime';

export type WebhookRuntime = Runtime<TableConfig & BusConfig, 'dynamo' | 'eventBridge' | 'secrets'>;

export function receiveWiring(rt: WebhookRuntime): ReceiveDeps {
  return {
    clock: rt.clock,
    ids: rt.ids,
    secrets: rt.clients.secrets,
    ingest: new BusHandOff(new EventBridgeBus(rt.clients.eventBridge, rt.config.eventBusName)),
    parked: new DynamoDeliveryLog(rt.clients.dynamo, rt.config.tableName),
    metrics: rt.telemetry.metrics,
  };
}

/** In Lambda: TABLE_NAME, EVENT_BUS_NAME, the Meta secret and the Powertools settings, nothing more. */
export const awsWebhookRuntime = (env: Env = process.env): WebhookRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e) }),
    (trace) => ({
      dynamo: awsDynamo(trace),
      eventBridge: awsEventBridge(trace),
      secrets: tracedMetaSecrets(env, trace),
    }),
  );

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
