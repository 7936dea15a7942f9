/**
 * Synced content, for the calendar: a published post's page links to the content it became. The store and
 * the read are this module's; the calendar holds them to its own port (publishing's content-links adapter).
 */
export { DynamoContentRepository } from '../adapters/dynamo-content-store';
export { contentOfTargets } from '../core/read-content';
