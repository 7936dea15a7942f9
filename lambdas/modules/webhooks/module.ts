/**
 * The webhooks module as the registries see it (lambdas/app/modules.ts): the public endpoint Meta calls,
 * the delivery-log queue and the bus rule that feeds it the records the endpoint hands off. Handler
 * modules are named by path.
 */
import { API_PREFIX } from '../../platform/contracts/routes';
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import { DeliveryReceived } from './contracts';
import { WEBHOOK_OPERATIONS, WEBHOOK_REQUEST_EXAMPLES, WEBHOOK_SCHEMA_NAMES } from './contracts/http';

/** The queue the delivery-log worker drains: one record per delivery the endpoint read. */
export const DELIVERY_LOG_QUEUE = {
  name: 'delivery-log',
  worker: 'lambdas/modules/webhooks/handlers/delivery-log.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 30,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const WEBHOOKS_MODULE = defineModule({
  name: 'webhooks',
  http: {
    functions: {
      'meta-webhook': {
        entry: 'lambdas/modules/webhooks/handlers/meta-webhook.ts',
        description: 'Meta webhooks: handshake, signature check, split and hand-off to the bus',
      },
    },
    routes: [
      {
        method: 'GET',
        path: `${API_PREFIX}/meta/webhook`,
        fn: 'meta-webhook',
        auth: 'none',
        operationId: 'metaWebhookHandshake',
        summary: 'Meta webhook verification handshake',
      },
      {
        method: 'POST',
        path: `${API_PREFIX}/meta/webhook`,
        fn: 'meta-webhook',
        auth: 'none',
        operationId: 'metaWebhookDelivery',
        summary: 'Signed Meta webhook delivery',
      },
    ],
    operations: WEBHOOK_OPERATIONS,
    schemaNames: WEBHOOK_SCHEMA_NAMES,
    examples: WEBHOOK_REQUEST_EXAMPLES,
    tag: 'Meta',
  },
  queues: [DELIVERY_LOG_QUEUE],
  busRules: [
    {
      name: 'deliveries-to-delivery-log',
      source: INGEST_SOURCE,
      detailTypes: [DeliveryReceived.detailType],
      queue: DELIVERY_LOG_QUEUE.name,
    },
  ],
});
