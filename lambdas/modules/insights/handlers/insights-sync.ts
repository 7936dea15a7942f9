/** Every day: Page, Instagram and campaign counters of the last two days for every selected asset. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { syncInsights } from '../core/sync-insights';
import { awsInsightsRuntime, insightsFromRuntime, type InsightsRuntime } from '../wiring/sync';

export function createHandler(rt: InsightsRuntime) {
  const deps = insightsFromRuntime(rt);
  return scheduleHandler(
    rt,
    'insights-sync',
    () => syncInsights(deps),
    (s) => ({
      assets: s.assets,
      points: s.points,
      unavailable: s.unavailable.length,
      asyncReports: s.asyncReports,
      skipped: s.skipped,
    }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsInsightsRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
