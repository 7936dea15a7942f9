/** Publish worker: one job per (post, target); redelivery never posts twice. */
import * as z from 'zod';
import { publishTarget } from '../../core/publishing/publish-target';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { deliveryOf, sqsHandler } from '../../platform/handlers/sqs-handler';
import { queueByName } from '../../app/topology';

const Job = z.object({ tenantId: z.string(), postId: z.string(), targetKey: z.string() });
const MAX_ATTEMPTS = queueByName('publish').maxReceiveCount;

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('publish'), async (envelope, record) => {
    const job = Job.parse(envelope.detail);
    // on the last delivery an unfinished target is reported failed rather than left to the DLQ
    const attempt = deliveryOf(record).receiveCount;
    const result = await publishTarget(deps.publishing, job, { finalAttempt: attempt >= MAX_ATTEMPTS });
    deps.logger.info('publish job', { postId: job.postId, target: job.targetKey, attempt, ...result });
  });
}

export const handler = lazyHandler(createHandler);
