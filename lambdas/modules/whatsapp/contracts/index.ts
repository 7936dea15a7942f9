/**
 * The WhatsApp module's public contracts: the only file other modules (and the registries in
 * lambdas/app) import from it. Its HTTP operations, Meta's limits it enforces, and the ingest events
 * it consumes.
 */
export { WHATSAPP_OPERATIONS, WHATSAPP_REQUEST_EXAMPLES, WHATSAPP_SCHEMA_NAMES } from './http';
export { WHATSAPP_INGEST_DETAIL_TYPES } from './subscriptions';
export * from './meta-limits';
