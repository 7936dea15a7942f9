/** Marketing API worker: creates approved campaigns at Meta, paused (a redelivery resumes). */
import * as z from 'zod';
import { createAtMeta } from '../../core/ads/create-at-meta';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { queueByName } from '../../app/topology';
import { sqsHandler } from '../../platform/handlers/sqs-handler';

const Job = z.object({ tenantId: z.string(), campaignId: z.string() });

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('ads'), async (envelope) => {
    const job = Job.parse(envelope.detail);
    const result = await createAtMeta(deps.ads, job.tenantId, job.campaignId);
    deps.logger.info('campaign job', { campaignId: job.campaignId, ...result });
  });
}

export const handler = lazyHandler(createHandler);
