/**
 * Meta signs every webhook delivery with HMAC-SHA256 of the raw body, keyed with the app secret. The
 * check runs on the exact bytes received (Meta escapes unicode before signing; re-serialized JSON would
 * not match) and compares in constant time. The legacy SHA-1 header alone is not accepted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck =
  | { valid: true; reason: 'signature_valid' }
  | {
      valid: false;
      reason: 'signature_missing' | 'signature_sha1_only' | 'signature_malformed' | 'signature_mismatch';
    };

/** `appSecret`: one secret, or the ones a rotation accepts (core/meta/secret-rotation.ts). */
export function verifySignature(
  rawBody: Buffer,
  headers: { sha256?: string; sha1?: string },
  appSecret: string | readonly string[],
): SignatureCheck {
  const header = headers.sha256?.trim();
  if (!header) return { valid: false, reason: headers.sha1 ? 'signature_sha1_only' : 'signature_missing' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header);
  if (!match) return { valid: false, reason: 'signature_malformed' };
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const secrets = typeof appSecret === 'string' ? [appSecret] : appSecret;
  return secrets.some((secret) =>
    timingSafeEqual(createHmac('sha256', secret).update(rawBody).digest(), given),
  )
    ? { valid: true, reason: 'signature_valid' }
    : { valid: false, reason: 'signature_mismatch' };
}

export function verifyHandshake(
  query: Record<string, string | undefined>,
  verifyToken: string,
): { ok: true; challenge: string } | { ok: false; reason: string } {
  if (query['hub.mode'] !== 'subscribe') return { ok: false, reason: 'mode_not_subscribe' };
  const given = Buffer.from(query['hub.verify_token'] ?? '', 'utf8');
  const expected = Buffer.from(verifyToken, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'verify_token_mismatch' };
  const challenge = query['hub.challenge'];
  if (!challenge || challenge.length > 256) return { ok: false, reason: 'challenge_missing' };
  return { ok: true, challenge };
}
