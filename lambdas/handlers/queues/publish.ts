/** Publish worker: one job per (post, target); redelivery never posts twice. */
import { z } from 'zod';
import { publishTarget } from '../../core/publishing/publish-target';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../common/sqs-handler';

const Job = z.object({ tenantId: z.string(), postId: z.string(), targetKey: z.string() });

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, 'publish', async (envelope) => {
    const job = Job.parse(envelope.detail);
    const result = await publishTarget(deps.publishing, job);
    deps.logger.info('publish job', { postId: job.postId, target: job.targetKey, ...result });
  });
}

export const handler = lazyHandler(createHandler);
