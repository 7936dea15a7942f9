/**
 * The webhook endpoint's HTTP operations: the handshake Meta makes when the callback URL is saved, and
 * the signed delivery. The endpoint checks the signature on the raw bytes first, then parses the envelope.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
import * as z from '../../../platform/contracts/zod';
import type { OperationSchemas } from '../../../platform/contracts/http-schemas';
import { WebhookEnvelope } from '../../../core/webhooks/webhook-envelope';

export const WEBHOOK_OPERATIONS = {
  metaWebhookHandshake: {
    query: z.object({ 'hub.mode': z.string(), 'hub.verify_token': z.string(), 'hub.challenge': z.string() }),
    responses: { 200: { mediaType: 'text/plain', description: 'The challenge, echoed' } },
  },
  metaWebhookDelivery: {
    body: WebhookEnvelope,
    responses: { 200: z.object({ received: z.number().check(z.int()), deliveryId: z.string() }) },
  },
} satisfies Record<string, OperationSchemas>;

export const WEBHOOK_SCHEMA_NAMES = { WebhookEnvelope };

export const WEBHOOK_REQUEST_EXAMPLES = {
  metaWebhookDelivery: {
    object: 'page',
    entry: [
      {
        id: '104729384756123',
        time: 1793491200,
        changes: [
          {
            field: 'leadgen',
            value: {
              leadgen_id: '880011223344556',
              page_id: '104729384756123',
              form_id: '771234567890123',
              created_time: 1793491200,
            },
          },
        ],
      },
    ],
  },
};
