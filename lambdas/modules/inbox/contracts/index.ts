/**
 * The inbox module's public contracts: the only files other modules (and the registries in lambdas/app)
 * import from it. The events it publishes, the command its worker takes, the ingest events it consumes,
 * its HTTP operations, the `feed` change it shares with content, and its vocabulary.
 */
export { INBOX_EVENTS, inboxEvent, type InboxEventType } from './events';
export { ReplySendRequested, type ReplySendCommand } from './commands';
export { INBOX_INGEST_DETAIL_TYPES } from './subscriptions';
export { FeedValue } from './meta-feed';
export {
  CHANNELS,
  CLASSIFICATION_LABELS,
  REPLY_TYPES,
  type Channel,
  type ClassificationLabel,
  type ReplyType,
} from './vocabulary';
export {
  ConversationPatchBody,
  INBOX_OPERATIONS,
  INBOX_REQUEST_EXAMPLES,
  INBOX_SCHEMA_NAMES,
  InboxMetricsQuery,
  ReplyBody,
  ReplyRulesBody,
} from './http';
