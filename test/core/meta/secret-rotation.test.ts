/**
 * Rotating the Meta app secret or the OAuth state key drops nothing in flight: signatures made with the
 * value a rotation replaced verify until its grace ends, and a function whose cache still holds the old
 * value reads the secret afresh before refusing a signature made with the new one.
 */
import { createHmac } from 'node:crypto';
import type { MetaAppSecrets, SecretsProvider } from '../../../lambdas/platform/core/ports';
import {
  acceptedAppSecrets,
  acceptedStateKeys,
  verifyAcrossRotation,
} from '../../../lambdas/core/meta/secret-rotation';
import { RecordingMetrics } from '../../support/recording-metrics';
import { receiveDelivery, type ReceiveDeps } from '../../../lambdas/modules/webhooks/core/receive-delivery';
import { verifySignedRequest } from '../../../lambdas/modules/privacy/core/signed-request';
import { signState, verifyState } from '../../../lambdas/modules/connections/core/oauth-state';

const NOW = new Date('2026-11-02T10:00:00Z');
const OLD = { appSecret: 'old-app-secret', stateSigningKey: 'o'.repeat(64) };
const NEW = { appSecret: 'new-app-secret', stateSigningKey: 'n'.repeat(64) };
const rotated = (until: Date): MetaAppSecrets => ({
  appId: '1',
  verifyToken: 'vt',
  ...NEW,
  previous: { ...OLD, until },
});
const unrotated = (values: typeof OLD): MetaAppSecrets => ({ appId: '1', verifyToken: 'vt', ...values });

/** Secrets Manager behind a cache: the cache answers until a fresh read is asked for. */
class CachedSecrets implements SecretsProvider {
  freshReads = 0;
  constructor(
    private cached: MetaAppSecrets,
    private stored: MetaAppSecrets,
  ) {}
  async metaApp(options: { fresh?: boolean } = {}) {
    if (options.fresh) {
      this.freshReads++;
      this.cached = this.stored;
    }
    return this.cached;
  }
}

describe('what a rotation accepts', () => {
  it('the current value, and the replaced one until its grace ends', () => {
    const app = rotated(new Date(NOW.getTime() + 3_600_000));
    expect(acceptedAppSecrets(app, NOW)).toEqual([NEW.appSecret, OLD.appSecret]);
    expect(acceptedStateKeys(app, NOW)).toEqual([NEW.stateSigningKey, OLD.stateSigningKey]);
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(acceptedAppSecrets(app, later)).toEqual([NEW.appSecret]);
    expect(acceptedStateKeys(app, later)).toEqual([NEW.stateSigningKey]);
    expect(acceptedAppSecrets(unrotated(NEW), NOW)).toEqual([NEW.appSecret]);
  });

  it('reads afresh only when a signature mismatched', async () => {
    const secrets = new CachedSecrets(unrotated(OLD), unrotated(NEW));
    const seen: string[] = [];
    const result = await verifyAcrossRotation(
      secrets,
      (app) => (seen.push(app.appSecret), app.appSecret === NEW.appSecret ? 'ok' : 'mismatch'),
      (r) => r === 'mismatch',
    );
    expect([result, seen, secrets.freshReads]).toEqual(['ok', [OLD.appSecret, NEW.appSecret], 1]);
    const malformed = await verifyAcrossRotation(
      secrets,
      () => 'malformed',
      (r) => r === 'mismatch',
    );
    expect([malformed, secrets.freshReads]).toEqual(['malformed', 1]);
  });
});

describe('webhooks across an app secret rotation', () => {
  const body = Buffer.from(
    JSON.stringify({
      object: 'page',
      entry: [
        { id: '10', time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: '1', page_id: '10' } }] },
      ],
    }),
  );
  const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const deps = (secrets: SecretsProvider, now = NOW): ReceiveDeps => ({
    clock: { now: () => now },
    ids: { next: (p: string) => `${p}_1` },
    secrets,
    ingest: { handOff: async () => undefined, handOffEvents: async () => undefined },
    parked: { park: async () => undefined },
    metrics: new RecordingMetrics(),
  });

  it('a delivery signed with the new secret is taken by a function that still caches the old one', async () => {
    const secrets = new CachedSecrets(unrotated(OLD), rotated(new Date(NOW.getTime() + 86_400_000)));
    const out = await receiveDelivery(deps(secrets), { rawBody: body, signature256: sign(NEW.appSecret) });
    expect(out).toMatchObject({ status: 200, eventCount: 1 });
    expect(secrets.freshReads).toBe(1);
  });

  it('a delivery Meta signed before the reset verifies during the grace, not after', async () => {
    const until = new Date(NOW.getTime() + 86_400_000);
    const secrets = new CachedSecrets(rotated(until), rotated(until));
    const signed = { rawBody: body, signature256: sign(OLD.appSecret) };
    expect(await receiveDelivery(deps(secrets), signed)).toMatchObject({ status: 200 });
    expect(await receiveDelivery(deps(secrets, until), signed)).toEqual({
      status: 401,
      reason: 'signature_mismatch',
    });
  });

  it('an unsigned delivery is refused from the cache, without reading the secret again', async () => {
    const secrets = new CachedSecrets(unrotated(OLD), unrotated(NEW));
    expect(await receiveDelivery(deps(secrets), { rawBody: body })).toEqual({
      status: 401,
      reason: 'signature_missing',
    });
    expect(secrets.freshReads).toBe(0);
  });
});

describe('signed requests and OAuth states across a rotation', () => {
  it('a signed_request signed with the replaced secret verifies while it is accepted', () => {
    const payload = Buffer.from(
      JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: NOW.getTime() / 1000, user_id: '42' }),
    ).toString('base64url');
    const sig = createHmac('sha256', OLD.appSecret).update(payload).digest('base64url');
    const app = rotated(new Date(NOW.getTime() + 60_000));
    expect(verifySignedRequest(`${sig}.${payload}`, acceptedAppSecrets(app, NOW), NOW)).toMatchObject({
      valid: true,
      userId: '42',
    });
    expect(verifySignedRequest(`${sig}.${payload}`, [NEW.appSecret], NOW)).toMatchObject({
      valid: false,
      reason: 'signature_mismatch',
    });
  });

  const claims = {
    tenantId: 'acme',
    returnUrl: 'https://crm.acme.test/meta',
    features: ['leads' as const],
    actor: 'user:1',
    nonce: 'st_1',
  };

  it('a state issued under the old key completes after the key was rotated, and expires as usual', async () => {
    const { state } = await signState(claims, OLD.stateSigningKey, NOW);
    const app = rotated(new Date(NOW.getTime() + 15 * 60_000));
    const keys = acceptedStateKeys(app, NOW);
    expect(await verifyState(state, keys, new Date(NOW.getTime() + 60_000))).toMatchObject({
      ok: true,
      claims: { tenantId: 'acme', nonce: 'st_1' },
    });
    expect(await verifyState(state, keys, new Date(NOW.getTime() + 601_000))).toMatchObject({
      ok: false,
      reason: 'state_expired',
    });
    // without the previous key it would have been refused as not ours
    expect(await verifyState(state, [NEW.stateSigningKey], NOW)).toEqual({
      ok: false,
      reason: 'state_invalid',
    });
    expect(await verifyState(state, ['x'.repeat(64), 'y'.repeat(64)], NOW)).toEqual({
      ok: false,
      reason: 'state_invalid',
    });
  });
});
