/**
 * The content module's public contracts: the only files other modules (and the registries in lambdas/app)
 * import from it. The events it consumes and its HTTP operations.
 */
export { CONTENT_INGEST_DETAIL_TYPES, POST_PUBLISHED } from './subscriptions';
export { CONTENT_OPERATIONS, ContentListQuery } from './http';
