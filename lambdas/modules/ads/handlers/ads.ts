/** Marketing API worker: creates approved campaigns at Meta, paused (a redelivery resumes). */
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { CampaignCreateRequested } from '../contracts/commands';
import { createAtMeta } from '../core/create-at-meta';
import { ADS_QUEUE } from '../queue';
import { adsWorkerFromRuntime, awsAdsWorkerRuntime, type AdsWorkerRuntime } from '../wiring/ads';

export function createHandler(rt: AdsWorkerRuntime) {
  const ads = adsWorkerFromRuntime(rt);
  return sqsHandler(rt, ADS_QUEUE, async (envelope) => {
    const job = CampaignCreateRequested.schema.parse(envelope.detail);
    const result = await createAtMeta(ads, job.tenantId, job.campaignId);
    rt.logger.info('campaign job', { campaignId: job.campaignId, ...result });
  });
}

export const { awsRuntime, handler } = lambdaExports(awsAdsWorkerRuntime, createHandler);
