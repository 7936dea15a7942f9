/** Every 15 minutes: Meta's status, delivery issues and spend of the campaigns made here. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { syncCampaignStatus } from '../core/sync-campaign-status';
import { adsFromRuntime, awsAdsRuntime } from '../wiring/ads';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'campaign-status',
  awsRuntime: awsAdsRuntime,
  deps: adsFromRuntime,
  run: syncCampaignStatus,
  summarize: (r) => ({ campaigns: r.campaigns, changed: r.changed, skippedAccounts: r.skipped }),
});
