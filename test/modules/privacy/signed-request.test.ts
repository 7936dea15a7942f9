import { createHmac } from 'node:crypto';
import {
  CLOCK_SKEW_S,
  SIGNED_REQUEST_MAX_AGE_S,
  verifySignedRequest,
} from '../../../lambdas/modules/privacy/core/signed-request';

const SECRET = 'test-app-secret';
const NOW = new Date('2026-06-01T12:00:00Z');
const nowS = Math.floor(NOW.getTime() / 1000);

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function sign(payloadJson: string, secret = SECRET) {
  const payload = b64(payloadJson);
  return `${createHmac('sha256', secret).update(payload).digest('base64url')}.${payload}`;
}
const good = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: nowS, user_id: '10231947650218873', ...over });

describe('signed_request', () => {
  it('accepts a fresh request signed with the app secret and names the user', () => {
    expect(verifySignedRequest(sign(good()), SECRET, NOW)).toEqual({
      valid: true,
      userId: '10231947650218873',
      issuedAt: nowS,
      requestDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      reason: 'signature_valid',
    });
  });

  it('names a request by its signed payload, however the signature is padded', () => {
    const request = sign(good());
    const [sig, payload] = request.split('.');
    const first = verifySignedRequest(request, SECRET, NOW);
    const padded = verifySignedRequest(`${sig}=.${payload}`, SECRET, NOW);
    const other = verifySignedRequest(sign(good({ issued_at: nowS - 1 })), SECRET, NOW);
    if (!first.valid || !padded.valid || !other.valid) throw new Error('expected valid requests');
    expect(padded.requestDigest).toBe(first.requestDigest);
    expect(other.requestDigest).not.toBe(first.requestDigest);
  });

  it('tolerates base64 padding on the signature', () => {
    const [sig, payload] = sign(good()).split('.');
    expect(verifySignedRequest(`${sig}=.${payload}`, SECRET, NOW).valid).toBe(true);
  });

  it.each([
    ['no value', undefined, 'signed_request_missing'],
    ['an empty value', '', 'signed_request_missing'],
    ['one part', 'abc', 'signed_request_malformed'],
    ['three parts', 'a.b.c', 'signed_request_malformed'],
    ['characters outside base64url', 'not base64!.%%%', 'signed_request_malformed'],
    ['another secret', sign(good(), 'other-secret'), 'signature_mismatch'],
    ['a truncated signature', sign(good()).slice(4), 'signature_mismatch'],
    [
      'a changed payload',
      `${sign(good()).split('.')[0]}.${b64(good({ user_id: '1' }))}`,
      'signature_mismatch',
    ],
    ['a signed payload that is not JSON', sign('{"algorithm":'), 'signed_request_malformed'],
    [
      'a payload without user_id',
      sign(JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: nowS })),
      'signed_request_malformed',
    ],
    [
      'a user id JSON cannot carry exactly',
      sign(good().replace('"10231947650218873"', '10231947650218873')),
      'signed_request_malformed',
    ],
    ['another algorithm', sign(good({ algorithm: 'HMAC-SHA1' })), 'algorithm_not_supported'],
    ['no algorithm at all', sign(good({ algorithm: 'none' })), 'algorithm_not_supported'],
    [
      'an issued_at older than the window',
      sign(good({ issued_at: nowS - SIGNED_REQUEST_MAX_AGE_S - 1 })),
      'signed_request_expired',
    ],
    [
      'an issued_at from the future',
      sign(good({ issued_at: nowS + CLOCK_SKEW_S + 1 })),
      'signed_request_from_future',
    ],
  ])('refuses %s', (_name, signed, reason) => {
    expect(verifySignedRequest(signed, SECRET, NOW)).toEqual({ valid: false, reason });
  });

  it('accepts a request at the edges of the window', () => {
    expect(
      verifySignedRequest(sign(good({ issued_at: nowS - SIGNED_REQUEST_MAX_AGE_S })), SECRET, NOW).valid,
    ).toBe(true);
    expect(verifySignedRequest(sign(good({ issued_at: nowS + CLOCK_SKEW_S })), SECRET, NOW).valid).toBe(true);
    expect(verifySignedRequest(sign(good({ user_id: 12345 })), SECRET, NOW)).toMatchObject({
      userId: '12345',
    });
  });
});
