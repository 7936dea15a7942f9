/**
 * The webhook fields the service acts on, as the detail-types the splitter gives them
 * (`meta.<object>.<field>`, webhook-envelope.ts). The topology routes exactly these to their workers; a
 * delivery's other changes are dropped at the endpoint with the reason in the delivery log, never handed
 * off to a bus rule that would lose them silently.
 */

import { LEAD_INGEST_DETAIL_TYPES } from '../../modules/leads/contracts';
import { WHATSAPP_INGEST_DETAIL_TYPES } from '../../modules/whatsapp/contracts';

/** Lead Ads: the lead worker reads each lead by its id (the leads module declares what it takes). */
export { LEAD_INGEST_DETAIL_TYPES };

/**
 * The inbox worker: Page comments, Messenger and Instagram messaging (messaging items are named after
 * their key: `message` → `messages` or `message_echoes`, `read`, `delivery`, `postback`,
 * `message_edit`; the handover protocol's `standby[]` items → `standby`), Instagram comments and
 * mentions, WhatsApp messages and statuses.
 */
export const INBOX_INGEST_DETAIL_TYPES = [
  'meta.page.feed',
  'meta.page.messages',
  'meta.page.message_echoes',
  'meta.page.read',
  'meta.page.delivery',
  'meta.page.postback',
  'meta.page.message_edit',
  'meta.page.standby',
  'meta.instagram.comments',
  'meta.instagram.mentions',
  'meta.instagram.messages',
  'meta.instagram.message_echoes',
  'meta.instagram.read',
  'meta.instagram.postback',
  'meta.instagram.message_edit',
  'meta.instagram.standby',
  'meta.whatsapp_business_account.messages',
] as const;

/** Content sync: a Page's own new, edited or removed posts (the same `feed` changes the inbox reads comments from). */
export const CONTENT_INGEST_DETAIL_TYPES = ['meta.page.feed'] as const;

const HANDLED = new Set<string>([
  ...LEAD_INGEST_DETAIL_TYPES,
  ...INBOX_INGEST_DETAIL_TYPES,
  ...CONTENT_INGEST_DETAIL_TYPES,
  // WhatsApp template status updates: the whatsapp module declares what it takes
  ...WHATSAPP_INGEST_DETAIL_TYPES,
]);

export const isHandledDetailType = (detailType: string) => HANDLED.has(detailType);
