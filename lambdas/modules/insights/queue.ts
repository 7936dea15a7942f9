/**
 * The insights worker's queue, apart from module.ts so the worker does not bundle the API's schemas.
 * Backfills read up to 13 months of many assets: minutes, so their own worker and a long visibility; a
 * retry waits at least a minute (a run takes that long), and five retries cover 81 minutes.
 */
export const INSIGHTS_QUEUE = {
  name: 'insights',
  worker: 'lambdas/modules/insights/handlers/insights.ts',
  batchSize: 1,
  maxReceiveCount: 6,
  visibilityTimeoutSeconds: 960,
  retryStepsSeconds: [60, 300, 900, 1800, 1800],
};
