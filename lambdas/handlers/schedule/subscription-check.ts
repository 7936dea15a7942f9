import { checkSubscriptions } from '../../core/webhooks/check-subscriptions';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'subscription-check',
    () => checkSubscriptions(deps.subscriptionCheck),
    (checks) => ({
      pages: checks.length,
      resubscribed: checks.filter((c) => c.outcome === 'resubscribed').length,
      failed: checks.filter((c) => c.outcome === 'failed').length,
    }),
  );
}

export const handler = lazyHandler(createHandler);
