/**
 * The calendar's posts as they are stored, for the modules that read them: content links what it syncs to
 * the post it came from, privacy purges a connection's posts. The table layout of a post stays in this
 * module; readers go through this adapter (and post-records.ts for the shape).
 */
export { DynamoPostStore } from '../adapters/dynamo-post-store';
export type { PostStore } from '../ports';
