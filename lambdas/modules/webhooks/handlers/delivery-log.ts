/** Delivery-log worker: stores the record the webhook handed to the bus beside a delivery's events. */
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { logDelivery } from '../core/log-delivery';
import { DELIVERY_LOG_QUEUE } from '../module';
import { awsDeliveryLogRuntime, deliveryLogWiring, type DeliveryLogRuntime } from '../wiring/delivery-log';

export function createHandler(rt: DeliveryLogRuntime) {
  const deps = deliveryLogWiring(rt);
  return sqsHandler(rt, DELIVERY_LOG_QUEUE, async (envelope) => {
    await logDelivery(deps, envelope.detail);
  });
}

export const { awsRuntime, handler } = lambdaExports(awsDeliveryLogRuntime, createHandler);
