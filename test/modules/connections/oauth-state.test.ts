import {
  signState,
  verifyState,
  STATE_TTL_SECONDS,
} from '../../../lambdas/modules/connections/core/oauth-state';
import { checkReturnUrl } from '../../../lambdas/modules/connections/core/return-url';

const KEY = 'k'.repeat(64);
const base = {
  tenantId: 'acme',
  returnUrl: 'https://crm.acme.test/meta',
  features: ['leads' as const],
  actor: 'user:1',
  nonce: 'st_1',
};

describe('OAuth state', () => {
  const t0 = new Date('2026-11-25T10:00:00Z');

  it('round-trips the tenant, return URL, features and nonce', async () => {
    const { state, expiresAt } = await signState(base, KEY, t0);
    expect(expiresAt.getTime() - t0.getTime()).toBe(STATE_TTL_SECONDS * 1000);
    const check = await verifyState(state, KEY, new Date(t0.getTime() + 60_000));
    expect(check).toEqual({ ok: true, claims: { ...base, expiresAt } });
  });

  it('is expired after 10 minutes but still tells where to send the person back', async () => {
    const { state } = await signState(base, KEY, t0);
    const check = await verifyState(state, KEY, new Date(t0.getTime() + 601_000));
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({
      reason: 'state_expired',
      claims: { returnUrl: base.returnUrl, tenantId: 'acme' },
    });
  });

  it('rejects a state signed with another key, a tampered one and a missing one', async () => {
    const { state } = await signState(base, KEY, t0);
    expect(await verifyState(state, 'x'.repeat(64), t0)).toEqual({ ok: false, reason: 'state_invalid' });
    const [h, p, s] = state.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), tid: 'evil' }),
    ).toString('base64url');
    expect(await verifyState(`${h}.${forged}.${s}`, KEY, t0)).toEqual({ ok: false, reason: 'state_invalid' });
    expect(await verifyState(undefined, KEY, t0)).toEqual({ ok: false, reason: 'state_missing' });
    // an expired state with a bad signature must not leak its claims
    const late = new Date(t0.getTime() + 3_600_000);
    expect(await verifyState(`${h}.${forged}.${s}`, KEY, late)).toEqual({
      ok: false,
      reason: 'state_invalid',
    });
  });
});

describe('return URL policy', () => {
  const policy = { allowlist: ['https://crm.acme.test'], allowLocalhost: false };

  it.each([
    ['https://crm.acme.test/settings?x=1', true, 'origin_on_allowlist'],
    ['https://evil.test/', false, 'return_url_not_allowed'],
    ['http://crm.acme.test/', false, 'return_url_not_https'],
    ['https://user:pw@crm.acme.test/', false, 'return_url_has_credentials'],
    ['/relative', false, 'return_url_not_absolute'],
    ['http://localhost:5173/cb', false, 'return_url_not_https'],
  ])('%s → allowed=%s (%s)', (url, allowed, reason) => {
    expect(checkReturnUrl(url, policy)).toEqual({ allowed, reason });
  });

  it('allows localhost only when the runtime says so', () => {
    expect(checkReturnUrl('http://localhost:5173/cb', { ...policy, allowLocalhost: true })).toEqual({
      allowed: true,
      reason: 'localhost_allowed_locally',
    });
  });
});
