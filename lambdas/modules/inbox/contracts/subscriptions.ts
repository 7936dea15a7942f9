/**
 * What the inbox worker takes from the webhook's ingest events: Page comments, Messenger and Instagram
 * messaging (messaging items are named after their key: `message` → `messages` or `message_echoes`,
 * `read`, `delivery`, `postback`, `message_edit`; the handover protocol's `standby[]` items →
 * `standby`), Instagram comments and mentions, WhatsApp messages and statuses. Plain strings: the
 * webhook endpoint imports this file, and nothing else of the inbox.
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
