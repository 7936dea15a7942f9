/** The publish worker's queue, apart from module.ts so the worker does not bundle the API's schemas. */
import { STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';

/** The queue the publish worker drains: one job per (post, target). */
export const PUBLISH_QUEUE = {
  name: 'publish',
  worker: 'lambdas/modules/publishing/handlers/publish.ts',
  batchSize: 5,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 120,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};
