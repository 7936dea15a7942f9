/**
 * The connections module's public contracts: the only files other modules (and the registries in
 * lambdas/app) import from it. The connection and asset shapes they read, the events it publishes, the
 * one change they may make (a refused token expires the connection), its HTTP operations, and the
 * store other modules read connections through.
 */
export {
  ASSET_KINDS,
  type AssetCatalog,
  type AssetItem,
  type AssetKind,
  type AssetRoute,
  type AssetSelection,
} from './assets';
export {
  CONNECTION_REVOKED,
  isConnectionRevoked,
  type ConnectionRecord,
  type ConnectionStatus,
  type PageTokenRecord,
} from './connection';
export { CONNECTION_EVENTS, connectionEvent, type ConnectionEventType } from './events';
export { expireOnTokenError, markExpired, markExpiredById, type TokenRefusalDeps } from './token-refusal';
export { revokeConnection } from './revoke-connection';
export {
  CONNECTION_OPERATIONS,
  CONNECTION_REQUEST_EXAMPLES,
  CONNECTION_SCHEMA_NAMES,
  ConnectionIdParams,
} from './http';
