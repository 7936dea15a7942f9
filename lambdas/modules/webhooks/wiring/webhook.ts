/**
 * The webhook endpoint's wiring: the Meta app secrets (signatures), the bus (the hand-off) and the
 * table's batch write (parking only), all three over the JSON clients, so it bundles no SDK client
 * (docs/bundles.md). No Graph client, no vault, no other module's stores.
 */
import { BusHandOff } from '../adapters/bus-hand-off';
import { TableParkedDeliveries } from '../adapters/parked-deliveries';
import type { ReceiveDeps } from '../core/receive-delivery';
import { EventBridgeBus } from '../../../platform/adapters/events/event-bus';
import { awsEventBridge } from '../../../platform/wiring/aws/event-bridge';
import { tracedMetaSecrets } from '../../../platform/wiring/aws/meta-secrets';
import { awsTableWrites } from '../../../platform/wiring/aws/table-writes';
import { awsRuntimeOf } from '../../../platform/wiring/aws-runtime';
import { busConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import type { BusConfig, Runtime, TableConfig } from '../../../platform/wiring/runtime';

export type WebhookRuntime = Runtime<TableConfig & BusConfig, 'tableWrites' | 'eventBridge' | 'secrets'>;

export function receiveWiring(rt: WebhookRuntime): ReceiveDeps {
  return {
    clock: rt.clock,
    ids: rt.ids,
    secrets: rt.clients.secrets,
    ingest: new BusHandOff(new EventBridgeBus(rt.clients.eventBridge, rt.config.eventBusName)),
    parked: new TableParkedDeliveries(rt.clients.tableWrites, rt.config.tableName),
    metrics: rt.telemetry.metrics,
  };
}

/** In Lambda: TABLE_NAME, EVENT_BUS_NAME, the Meta secret and the Powertools settings, nothing more. */
export const awsWebhookRuntime = (env: Env = process.env): WebhookRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...tableConfig(e), ...busConfig(e) }),
    (trace) => ({
      tableWrites: awsTableWrites(trace, env),
      eventBridge: awsEventBridge(trace, env),
      secrets: tracedMetaSecrets(env, trace),
    }),
  );
