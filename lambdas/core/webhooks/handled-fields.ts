/**
 * The webhook fields the service acts on, as the detail-types the splitter gives them
 * (`meta.<object>.<field>`, webhook-envelope.ts). The topology routes exactly these to their workers; a
 * delivery's other changes are dropped at the endpoint with the reason in the delivery log, never handed
 * off to a bus rule that would lose them silently.
 */

import { LEAD_INGEST_DETAIL_TYPES } from '../../modules/leads/contracts/subscriptions';
import { INBOX_INGEST_DETAIL_TYPES } from '../../modules/inbox/contracts/subscriptions';
import { CONTENT_INGEST_DETAIL_TYPES } from '../../modules/content/contracts/subscriptions';
import { WHATSAPP_INGEST_DETAIL_TYPES } from '../../modules/whatsapp/contracts/subscriptions';

/** Lead Ads: the lead worker reads each lead by its id (the leads module declares what it takes). */
export { LEAD_INGEST_DETAIL_TYPES };

/** The inbox worker: comments, messaging and WhatsApp (the inbox module declares what it takes). */
export { INBOX_INGEST_DETAIL_TYPES };

/** Content sync: a Page's own new, edited or removed posts (the content module declares what it takes). */
export { CONTENT_INGEST_DETAIL_TYPES };

const HANDLED = new Set<string>([
  ...LEAD_INGEST_DETAIL_TYPES,
  ...INBOX_INGEST_DETAIL_TYPES,
  ...CONTENT_INGEST_DETAIL_TYPES,
  // WhatsApp template status updates: the whatsapp module declares what it takes
  ...WHATSAPP_INGEST_DETAIL_TYPES,
]);

export const isHandledDetailType = (detailType: string) => HANDLED.has(detailType);
