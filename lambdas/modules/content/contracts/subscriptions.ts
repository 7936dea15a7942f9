/**
 * What the content worker consumes. From the webhook: a Page's `feed` changes (its own new, edited or
 * removed posts; the same changes the inbox reads comments from). Plain strings: the webhook endpoint
 * imports this file, and nothing else of content. From the calendar: its public `post.published` event
 * (docs/events.md), linked to the target's content.
 */
export const CONTENT_INGEST_DETAIL_TYPES = ['meta.page.feed'] as const;

/** the calendar's public event the content worker links to its content */
export const POST_PUBLISHED = 'post.published';
