/**
 * Facebook's `signed_request` for the deauthorize and data-deletion callbacks (https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback):
 * base64url(HMAC-SHA256(appSecret, payloadPart)) + "." + payloadPart, payloadPart = base64url(JSON),
 * padding stripped.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signature = createHmac('sha256', appSecret).update(payloadPart).digest('base64url');
  return `${signature}.${payloadPart}`;
}

/** The payload when the signature is right and the algorithm is HMAC-SHA256, else null. For tests. */
export function parseSignedRequest(signedRequest: string, appSecret: string): Record<string, unknown> | null {
  const [signature, payloadPart, extra] = signedRequest.split('.');
  if (!signature || !payloadPart || extra !== undefined) return null;
  const expected = createHmac('sha256', appSecret).update(payloadPart).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    return payload.algorithm === 'HMAC-SHA256' ? payload : null;
  } catch {
    return null;
  }
}

export function userSignedRequest(userId: string, issuedAt: number, appSecret: string): string {
  return signRequest({ algorithm: 'HMAC-SHA256', issued_at: issuedAt, user_id: userId }, appSecret);
}
