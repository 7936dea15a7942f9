/** Daily: every selected Page's webhook subscription read back and repaired (core/check-subscriptions.ts). */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { checkSubscriptions } from '../core/check-subscriptions';
import { awsConnectionJobRuntime, subscriptionCheckWiring, type ConnectionJobRuntime } from '../wiring';

export function createHandler(rt: ConnectionJobRuntime) {
  const deps = subscriptionCheckWiring(rt);
  return scheduleHandler(
    rt,
    'subscription-check',
    () => checkSubscriptions(deps),
    (checks) => ({
      pages: checks.length,
      resubscribed: checks.filter((c) => c.outcome === 'resubscribed').length,
      failed: checks.filter((c) => c.outcome === 'failed').length,
    }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsConnectionJobRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
