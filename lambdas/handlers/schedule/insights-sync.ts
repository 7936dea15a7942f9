import { syncInsights } from '../../core/insights/sync-insights';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'insights-sync',
    () => syncInsights(deps.insightsSync),
    (s) => ({
      assets: s.assets,
      points: s.points,
      unavailable: s.unavailable.length,
      asyncReports: s.asyncReports,
      skipped: s.skipped,
    }),
  );
}

export const handler = lazyHandler(createHandler);
