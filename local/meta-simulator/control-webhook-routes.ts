/**
 * `POST /_sim/webhooks`: deliver any payload as Meta would, signed with the app secret, or signed wrongly
 * or not at all for rejection tests; `rawBody` sends arbitrary bytes (even malformed JSON) signed correctly.
 * `POST /_sim/webhooks/verify`: Meta's GET handshake against the service.
 */
import * as z from 'zod';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import { deliverWebhook, metaJsonStringify, sendVerificationHandshake } from './webhook-sender';

const WebhookSchema = z
  .object({
    object: z.string().min(1).optional(),
    entry: z.array(z.unknown()).optional(),
    rawBody: z.string().optional(),
    signature: z.enum(['valid', 'wrong', 'none', 'sha1-only']).default('valid'),
    /** overrides the configured webhookUrl for this one delivery */
    url: z.url().optional(),
  })
  .refine((b) => b.rawBody !== undefined || (b.object !== undefined && b.entry !== undefined), {
    message: 'give {object, entry} or rawBody',
  });

function targetUrl(c: ControlContext, override: string | undefined): string {
  const url = override ?? c.core.targets.webhookUrl;
  if (!url) throw new ControlError(409, 'no_webhook_url', 'no webhookUrl set (setTargets) and no url given');
  return url;
}

async function postWebhook(c: ControlContext) {
  const input = parseInput(WebhookSchema, c.body);
  const url = targetUrl(c, input.url);
  const raw = Buffer.from(
    input.rawBody !== undefined
      ? input.rawBody
      : metaJsonStringify({ object: input.object, entry: input.entry }),
    'utf8',
  );
  const result = await deliverWebhook(url, raw, c.core.appSecret, input.signature);
  return ok({ status: result.status, body: result.body, ...(result.error ? { error: result.error } : {}) });
}

const VerifySchema = z.object({
  verifyToken: z.string(),
  challenge: z.string().regex(/^\d+$/).optional(),
  url: z.url().optional(),
});

async function verify(c: ControlContext) {
  const input = parseInput(VerifySchema, c.body);
  const url = targetUrl(c, input.url);
  const challenge = input.challenge ?? String(1_000_000_000 + c.core.world.ids.int(1_000_000_000));
  const result = await sendVerificationHandshake(url, input.verifyToken, challenge);
  return ok({ ...result, challenge });
}

export const webhookControlRoutes: ControlRoute[] = [
  { method: 'POST', pattern: '/webhooks', handle: postWebhook },
  { method: 'POST', pattern: '/webhooks/verify', handle: verify },
];
