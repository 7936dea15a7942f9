/** Hourly: the inbox's figures of the last days, recounted from the conversations and messages it stores. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { syncInboxMetrics } from '../core/inbox-metrics';
import { awsInboxMetricsRuntime, inboxMetricsFromRuntime } from '../wiring/metrics';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'inbox-metrics',
  awsRuntime: awsInboxMetricsRuntime,
  deps: inboxMetricsFromRuntime,
  run: (deps) => syncInboxMetrics(deps),
  summarize: (s) => ({ ...s }),
});
