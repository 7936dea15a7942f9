/** Publish worker: one job per (post, target); redelivery never posts twice. */
import { deliveryOf, sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { PublishRequested } from '../contracts/commands';
import { publishTarget } from '../core/publish-target';
import { PUBLISH_QUEUE } from '../queue';
import { awsPublishRuntime, publishFromRuntime, type PublishRuntime } from '../wiring/publish-worker';

export function createHandler(rt: PublishRuntime) {
  const deps = publishFromRuntime(rt);
  return sqsHandler(rt, PUBLISH_QUEUE, async (envelope, record) => {
    const job = PublishRequested.schema.parse(envelope.detail);
    // on the last delivery an unfinished target is reported failed rather than left to the DLQ
    const attempt = deliveryOf(record).receiveCount;
    const finalAttempt = attempt >= PUBLISH_QUEUE.maxReceiveCount;
    const result = await publishTarget(deps, job, { finalAttempt });
    rt.logger.info('publish job', { postId: job.postId, target: job.targetKey, attempt, ...result });
  });
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsPublishRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
