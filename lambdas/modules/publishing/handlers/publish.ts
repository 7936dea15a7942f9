/** Publish worker: one job per (post, target); redelivery never posts twice. */
import { deliveryOf, sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
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

export const { awsRuntime, handler } = lambdaExports(awsPublishRuntime, createHandler);
