/**
 * Outbound calls to the service, shaped like Meta's: webhook deliveries signed over the raw bytes
 * (`X-Hub-Signature-256` and the legacy `X-Hub-Signature`), the verification handshake, and the
 * `signed_request` callbacks. Bodies are serialised the way Meta sends them — non-ASCII as lowercase
 * `\uXXXX` escapes and `/` as `\/` — so a receiver that re-serialises instead of hashing raw bytes fails here
 * as it would in production.
 */
import { createHmac } from 'node:crypto';

export type SignatureMode = 'valid' | 'wrong' | 'none' | 'sha1-only';

export interface DeliveryResult {
  /** the service's HTTP status; 0 when it could not be reached */
  status: number;
  /** its answer, parsed as JSON when it is JSON */
  body: unknown;
  /** why nothing came back, when status is 0 */
  error?: string;
}

const DELIVERY_TIMEOUT_MS = 20_000;

export function metaJsonStringify(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

export function webhookSignatureHeaders(
  raw: Buffer,
  appSecret: string,
  mode: SignatureMode,
): Record<string, string> {
  if (mode === 'none') return {};
  const secret = mode === 'wrong' ? `${appSecret}-not-the-app-secret` : appSecret;
  const sha1 = `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;
  if (mode === 'sha1-only') return { 'x-hub-signature': sha1 };
  return {
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    'x-hub-signature': sha1,
  };
}

async function readAnswer(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function send(url: string, init: RequestInit): Promise<DeliveryResult> {
  try {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    return { status: res.status, body: await readAnswer(res) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: null, error: cause ?? (err as Error).message };
  }
}

export function deliverWebhook(
  url: string,
  raw: Buffer,
  appSecret: string,
  mode: SignatureMode = 'valid',
): Promise<DeliveryResult> {
  return send(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      ...webhookSignatureHeaders(raw, appSecret, mode),
    },
    body: raw,
  });
}

export function postSignedRequest(url: string, signedRequest: string): Promise<DeliveryResult> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'facebookexternalua' },
    body: new URLSearchParams({ signed_request: signedRequest }).toString(),
  });
}

/** Meta's GET handshake when a callback URL is saved: the endpoint must echo `hub.challenge` */
export async function sendVerificationHandshake(
  url: string,
  verifyToken: string,
  challenge: string,
): Promise<DeliveryResult & { verified: boolean }> {
  const target = new URL(url);
  target.searchParams.set('hub.mode', 'subscribe');
  target.searchParams.set('hub.challenge', challenge);
  target.searchParams.set('hub.verify_token', verifyToken);
  try {
    const res = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    const text = await res.text();
    return { status: res.status, body: text, verified: res.status === 200 && text === challenge };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: null, error: cause ?? (err as Error).message, verified: false };
  }
}
