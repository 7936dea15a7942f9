import { syncCampaignStatus } from '../../core/ads/sync-campaign-status';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'campaign-status',
    () => syncCampaignStatus(deps.ads),
    (r) => ({ campaigns: r.campaigns, changed: r.changed, skippedAccounts: r.skipped }),
  );
}

export const handler = lazyHandler(createHandler);
