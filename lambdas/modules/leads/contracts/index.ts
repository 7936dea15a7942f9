/**
 * The leads module's public contracts: the only file other modules (and the registries in lambdas/app)
 * import from it. Events it publishes, commands its worker takes, the ingest events it consumes, its
 * HTTP operations and the status mapping setting.
 */
export { LEAD_EVENTS, leadEvent, type LeadEventType } from './events';
export {
  LeadBackfillRequested,
  LeadStatusFeedbackRequested,
  type LeadBackfillRequest,
  type StatusFeedbackCommand,
} from './commands';
export { LEAD_INGEST_DETAIL_TYPES } from './subscriptions';
export { LEAD_STATUS_MAPPING_KEY, LeadStatusMapping } from './status-mapping';
export { LEAD_OPERATIONS, LEAD_REQUEST_EXAMPLES, LEAD_SCHEMA_NAMES } from './http';
