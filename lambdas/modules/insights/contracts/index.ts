/**
 * The insights module's public contracts: the only file other modules (and the registries in lambdas/app)
 * import from it. The command its worker takes and its HTTP operations.
 */
export { InsightsBackfillRequested, type InsightsBackfillJob } from './commands';
export {
  BackfillBody as InsightsBackfillBody,
  INSIGHTS_OPERATIONS,
  INSIGHTS_REQUEST_EXAMPLES,
  INSIGHTS_SCHEMA_NAMES,
} from './http';
