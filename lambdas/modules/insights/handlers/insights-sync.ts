/** Every day: Page, Instagram and campaign counters of the last two days for every selected asset. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { syncInsights } from '../core/sync-insights';
import { awsInsightsRuntime, insightsFromRuntime } from '../wiring/sync';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'insights-sync',
  awsRuntime: awsInsightsRuntime,
  deps: insightsFromRuntime,
  run: (deps) => syncInsights(deps),
  summarize: (s) => ({
    assets: s.assets,
    points: s.points,
    unavailable: s.unavailable.length,
    asyncReports: s.asyncReports,
    skipped: s.skipped,
  }),
});
