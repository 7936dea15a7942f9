/** Hourly: the inbox's figures of the last days, recounted from the conversations and messages it stores. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { syncInboxMetrics } from '../core/inbox-metrics';
import { awsInboxMetricsRuntime, inboxMetricsFromRuntime, type InboxMetricsRuntime } from '../wiring/metrics';

export function createHandler(rt: InboxMetricsRuntime) {
  const deps = inboxMetricsFromRuntime(rt);
  return scheduleHandler(
    rt,
    'inbox-metrics',
    () => syncInboxMetrics(deps),
    (s) => ({ ...s }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsInboxMetricsRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
