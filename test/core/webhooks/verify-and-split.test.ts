import { createHmac } from 'node:crypto';
import { verifyHandshake, verifySignature } from '../../../lambdas/core/webhooks/verify-signature';
import {
  ingestDetailType,
  splitEnvelope,
  WebhookEnvelope,
} from '../../../lambdas/core/webhooks/webhook-envelope';

const SECRET = 'app-secret';
const sign = (body: Buffer, algo: 'sha256' | 'sha1' = 'sha256') =>
  `${algo}=${createHmac(algo, SECRET).update(body).digest('hex')}`;

describe('webhook signature', () => {
  // Meta signs the escaped-unicode bytes it sends; re-serializing would change them
  const body = Buffer.from(
    '{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":{"message":"Gr\\u00fc\\u00dfe \\/"}}]}]}',
  );

  it('accepts the HMAC-SHA256 of the exact raw bytes', () => {
    expect(verifySignature(body, { sha256: sign(body) }, SECRET)).toEqual({
      valid: true,
      reason: 'signature_valid',
    });
    expect(
      verifySignature(body, { sha256: sign(body).toUpperCase().replace('SHA256=', 'sha256=') }, SECRET).valid,
    ).toBe(true);
  });

  it('refuses a re-serialized body, a wrong secret, a missing header and SHA-1 alone', () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifySignature(reserialized, { sha256: sign(body) }, SECRET)).toEqual({
      valid: false,
      reason: 'signature_mismatch',
    });
    expect(verifySignature(body, { sha256: sign(body) }, 'other')).toEqual({
      valid: false,
      reason: 'signature_mismatch',
    });
    expect(verifySignature(body, {}, SECRET)).toEqual({ valid: false, reason: 'signature_missing' });
    expect(verifySignature(body, { sha1: sign(body, 'sha1') }, SECRET)).toEqual({
      valid: false,
      reason: 'signature_sha1_only',
    });
    expect(verifySignature(body, { sha256: 'sha256=abc' }, SECRET)).toEqual({
      valid: false,
      reason: 'signature_malformed',
    });
  });

  it('answers the handshake only with the right verify token', () => {
    expect(
      verifyHandshake(
        { 'hub.mode': 'subscribe', 'hub.verify_token': 'vt', 'hub.challenge': '1158201444' },
        'vt',
      ),
    ).toEqual({
      ok: true,
      challenge: '1158201444',
    });
    expect(
      verifyHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' }, 'vt'),
    ).toEqual({
      ok: false,
      reason: 'verify_token_mismatch',
    });
    expect(verifyHandshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'vt' }, 'vt')).toEqual({
      ok: false,
      reason: 'mode_not_subscribe',
    });
  });
});

describe('envelope split', () => {
  it('makes one event per change and per messaging item, with normalized times', () => {
    const envelope = WebhookEnvelope.parse({
      object: 'page',
      entry: [
        {
          id: '111',
          time: 1721813100,
          changes: [
            { field: 'leadgen', value: { leadgen_id: '1' } },
            { field: 'feed', value: {} },
          ],
        },
        {
          id: 222,
          time: 1458692752478,
          messaging: [
            { sender: { id: 'p' }, message: { mid: 'm', is_echo: true } },
            { read: { watermark: 1 } },
          ],
        },
      ],
    });
    const { events } = splitEnvelope('dlv_1', envelope);
    expect(events.map((e) => [e.entryId, e.field, e.index, e.entryTimeMs])).toEqual([
      ['111', 'leadgen', 0, 1721813100000],
      ['111', 'feed', 1, 1721813100000],
      ['222', 'message_echoes', 2, 1458692752478],
      ['222', 'read', 3, 1458692752478],
    ]);
    expect(ingestDetailType(events[0]!)).toBe('meta.page.leadgen');
  });

  it('splits a 50-change delivery into 50 events', () => {
    const changes = Array.from({ length: 50 }, (_, i) => ({
      field: 'leadgen',
      value: { leadgen_id: String(i) },
    }));
    const { events } = splitEnvelope(
      'd',
      WebhookEnvelope.parse({ object: 'page', entry: [{ id: '1', changes }] }),
    );
    expect(events).toHaveLength(50);
    expect(new Set(events.map((e) => (e.value as { leadgen_id: string }).leadgen_id)).size).toBe(50);
  });
});
