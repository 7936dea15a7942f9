/** Daily: every selected Page's webhook subscription read back and repaired (core/check-subscriptions.ts). */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { checkSubscriptions } from '../core/check-subscriptions';
import { awsConnectionJobRuntime, subscriptionCheckWiring } from '../wiring';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'subscription-check',
  awsRuntime: awsConnectionJobRuntime,
  deps: subscriptionCheckWiring,
  run: checkSubscriptions,
  summarize: (checks) => ({
    pages: checks.length,
    resubscribed: checks.filter((c) => c.outcome === 'resubscribed').length,
    failed: checks.filter((c) => c.outcome === 'failed').length,
  }),
});
