/** Marketing API worker: creates approved campaigns at Meta, paused (a redelivery resumes); insights backfills. */
import { z } from 'zod';
import { createAtMeta } from '../../core/ads/create-at-meta';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../common/sqs-handler';
import { INSIGHTS_BACKFILL_REQUESTED } from '../common/topology';
import { syncInsights } from '../../core/insights/sync-insights';

const Job = z.object({ tenantId: z.string(), campaignId: z.string() });
const Backfill = z.object({
  tenantId: z.string(),
  days: z.number().int(),
  requestedBy: z.string(),
  requestId: z.string(),
});

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, 'ads', async (envelope) => {
    if (envelope['detail-type'] === INSIGHTS_BACKFILL_REQUESTED) {
      const req = Backfill.parse(envelope.detail);
      const summary = await syncInsights(deps.insightsSync, { days: req.days, tenantId: req.tenantId });
      deps.logger.info('insights backfill', {
        requestId: req.requestId,
        points: summary.points,
        asyncReports: summary.asyncReports,
      });
      return;
    }
    const job = Job.parse(envelope.detail);
    const result = await createAtMeta(deps.ads, job.tenantId, job.campaignId);
    deps.logger.info('campaign job', { campaignId: job.campaignId, ...result });
  });
}

export const handler = lazyHandler(createHandler);
