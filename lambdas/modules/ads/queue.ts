/** The ads worker's queue, apart from module.ts so the worker does not bundle the API's schemas. */
import { STANDARD_RETRY_STEPS } from '../../platform/contracts/topology';

/** The queue the ads worker drains: one approved campaign to create at Meta per job. */
export const ADS_QUEUE = {
  name: 'ads',
  worker: 'lambdas/modules/ads/handlers/ads.ts',
  batchSize: 1,
  maxReceiveCount: 8,
  visibilityTimeoutSeconds: 120,
  retryStepsSeconds: STANDARD_RETRY_STEPS,
};
