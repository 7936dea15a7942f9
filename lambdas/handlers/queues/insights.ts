/** Insights worker: runs a requested backfill once (a duplicate delivery finds it running or done). */
import * as z from 'zod';
import { runBackfill } from '../../core/insights/backfill-insights';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { queueByName } from '../../app/topology';
import { sqsHandler } from '../../platform/handlers/sqs-handler';

const Job = z.object({ tenantId: z.string(), requestId: z.string() });

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('insights'), async (envelope) => {
    const job = Job.parse(envelope.detail);
    const done = await runBackfill(deps.insightsSync, job.tenantId, job.requestId);
    deps.logger.info('insights backfill', {
      requestId: job.requestId,
      outcome: done.outcome,
      ...(done.outcome === 'completed' ? done.record.summary : { reason: done.reason }),
    });
  });
}

export const handler = lazyHandler(createHandler);
