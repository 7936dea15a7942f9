/**
 * Meta's `signed_request` (deauthorize and data-deletion callbacks): `<sig>.<payload>`, both base64url
 * without padding; the signature is HMAC-SHA256 of the encoded payload with the app secret. Checked in
 * constant time; other algorithms, stale or future `issued_at` and malformed parts are refused.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as z from '../../../platform/contracts/zod';

/**
 * How old a signed request may be. Meta sends both callbacks the moment the person acts, so an hour
 * leaves room for Meta's own delays while a captured request cannot be replayed days later.
 */
export const SIGNED_REQUEST_MAX_AGE_S = 3600;
/** How far our clock and Meta's may disagree before a request counts as from the future. */
export const CLOCK_SKEW_S = 300;

const Payload = z.object({
  algorithm: z.string(),
  issued_at: z.number().check(z.int()),
  // app-scoped ids exceed 2^53: only a string, or a number JSON could carry exactly, names the right user
  user_id: z.pipe(
    z.union([
      z.string().check(z.regex(/^\d{1,32}$/)),
      z.number().check(z.int(), z.nonnegative(), z.refine(Number.isSafeInteger)),
    ]),
    z.transform(String),
  ),
});

export type SignedRequestCheck =
  | {
      valid: true;
      userId: string;
      issuedAt: number;
      /** SHA-256 of the signed payload: the same request, however its signature is padded */
      requestDigest: string;
      reason: 'signature_valid';
    }
  | {
      valid: false;
      reason:
        | 'signed_request_missing'
        | 'signed_request_malformed'
        | 'signature_mismatch'
        | 'algorithm_not_supported'
        | 'signed_request_expired'
        | 'signed_request_from_future';
    };

/** base64url as Meta sends it (unpadded); padding is tolerated, any other character is not. */
const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** `appSecret`: one secret, or the ones a rotation accepts (core/meta/secret-rotation.ts). */
export function verifySignedRequest(
  signed: string | undefined,
  appSecret: string | readonly string[],
  now: Date,
): SignedRequestCheck {
  if (!signed) return { valid: false, reason: 'signed_request_missing' };
  const parts = signed.split('.');
  if (parts.length !== 2 || !B64URL.test(parts[0]!) || !B64URL.test(parts[1]!)) {
    return { valid: false, reason: 'signed_request_malformed' };
  }
  const [sigPart, payloadPart] = parts as [string, string];
  const given = Buffer.from(sigPart, 'base64url');
  const secrets = typeof appSecret === 'string' ? [appSecret] : appSecret;
  const matches = (secret: string) => {
    const expected = createHmac('sha256', secret).update(payloadPart).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!secrets.some(matches)) return { valid: false, reason: 'signature_mismatch' };
  let payload: z.output<typeof Payload>;
  try {
    payload = Payload.parse(JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')));
  } catch {
    return { valid: false, reason: 'signed_request_malformed' };
  }
  if (payload.algorithm.toUpperCase() !== 'HMAC-SHA256')
    return { valid: false, reason: 'algorithm_not_supported' };
  const nowS = Math.floor(now.getTime() / 1000);
  if (payload.issued_at < nowS - SIGNED_REQUEST_MAX_AGE_S)
    return { valid: false, reason: 'signed_request_expired' };
  if (payload.issued_at > nowS + CLOCK_SKEW_S) return { valid: false, reason: 'signed_request_from_future' };
  return {
    valid: true,
    userId: payload.user_id,
    issuedAt: payload.issued_at,
    requestDigest: createHash('sha256').update(payloadPart).digest('hex'),
    reason: 'signature_valid',
  };
}
