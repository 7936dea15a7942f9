/**
 * What the template-status worker takes from the webhook's ingest events: the WhatsApp Business Account's
 * `message_template_status_update` changes (approved, rejected, paused, disabled …).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
import { ingestDetailType } from '../../webhooks/contracts';

export const WHATSAPP_INGEST_DETAIL_TYPES: readonly string[] = [
  ingestDetailType({ object: 'whatsapp_business_account', field: 'message_template_status_update' }),
];
