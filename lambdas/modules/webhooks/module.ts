/**
 * The webhooks module as the registries see it (lambdas/app/modules.ts): the delivery-log queue and the
 * bus rule that feeds it the records the endpoint hands off. The endpoint's routes are still listed in
 * lambdas/app/route-table.ts (its entry is this module's handler); handler modules are named by path.
 */
import { defineModule } from '../../platform/contracts/module';
import { INGEST_SOURCE, STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';
import { DeliveryReceived } from './contracts';

/** The queue the delivery-log worker drains: one record per delivery the endpoint read. */
export const DELIVERY_LOG_QUEUE = {
  name: 'delivery-log',
  worker: 'lambdas/modules/webhooks/handlers/delivery-log.ts',
  batchSize: 10,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 30,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};

export const WEBHOOKS_MODULE = defineModule<never>({
  name: 'webhooks',
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
