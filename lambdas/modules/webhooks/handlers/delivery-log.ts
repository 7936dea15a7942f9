/** Delivery-log worker: stores the record the webhook handed to the bus beside a delivery's events. */
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { awsSqs } from '../../../platform/wiring/aws/sqs';
import { awsDynamo } from '../../../platform/wiring/aws/dynamo';
import { lambdaBasics } from '../../../platform/wiring/basics';
import { queueConfig, tableConfig, type Env } from '../../../platform/wiring/env';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { traced } from '../../../platform/wiring/telemetry';
import { logDelivery } from '../core/log-delivery';
import { DELIVERY_LOG_QUEUE } from '../module';
import { deliveryLogWiring, type DeliveryLogRuntime } from '../wiring';

export function createHandler(rt: DeliveryLogRuntime) {
  const deps = deliveryLogWiring(rt);
  return sqsHandler(rt, DELIVERY_LOG_QUEUE, async (envelope) => {
    await logDelivery(deps, envelope.detail);
  });
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export function awsRuntime(env: Env = process.env): DeliveryLogRuntime {
  const basics = lambdaBasics(env);
  const trace = traced(basics.telemetry);
  return {
    ...basics,
    config: { ...tableConfig(env), ...queueConfig(env) },
    clients: { dynamo: awsDynamo(trace), sqs: awsSqs(trace) },
  };
}

export const handler = lambdaHandler(awsRuntime, createHandler);
