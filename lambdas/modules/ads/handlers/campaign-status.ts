/** Every 15 minutes: Meta's status, delivery issues and spend of the campaigns made here. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { syncCampaignStatus } from '../core/sync-campaign-status';
import { adsFromRuntime, awsAdsRuntime, type AdsRuntime } from '../wiring/ads';

export function createHandler(rt: AdsRuntime) {
  const ads = adsFromRuntime(rt);
  return scheduleHandler(
    rt,
    'campaign-status',
    () => syncCampaignStatus(ads),
    (r) => ({ campaigns: r.campaigns, changed: r.changed, skippedAccounts: r.skipped }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsAdsRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
