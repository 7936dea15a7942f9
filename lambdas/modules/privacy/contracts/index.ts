/**
 * The privacy module's public contracts: the only files other modules (and the registries in
 * lambdas/app) import from it. The deletion worker's commands, the event a finished purge publishes,
 * the deletion request another module starts (a disconnect) and the store it is recorded in, and the
 * module's HTTP operations.
 */
export {
  AssetPurgeRequested,
  ExportRequested,
  PurgeRequested,
  type AssetPurgeCommand,
  type ExportCommand,
  type PurgeCommand,
} from './commands';
export { PRIVACY_EVENTS, privacyEvent, type PrivacyEventType } from './events';
export {
  newConfirmationCode,
  startDeletionRequest,
  type DeletionRequest,
  type DeletionRequestDeps,
  type DeletionRequestRecords,
} from './deletion-requests';
export { PRIVACY_OPERATIONS, PRIVACY_REQUEST_EXAMPLES, PRIVACY_SCHEMA_NAMES } from './http';
