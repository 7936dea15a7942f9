/** Starting a connection with fakes: the dialog URL asks for exactly the features' scopes, or is refused. */
import { startAuthorization } from '../../../lambdas/modules/connections/core/start-authorization';
import { verifyState } from '../../../lambdas/modules/connections/core/oauth-state';
import { scopesForFeatures } from '../../../lambdas/core/scopes/scope-registry';
import { APP, connectionFakes, NOW } from './fakes';

it("builds Meta's dialog URL with the features' scopes and a state bound to the tenant, and audits it", async () => {
  const f = connectionFakes();
  const out = await startAuthorization(f.deps, {
    tenantId: 't1',
    actor: 'user:ana',
    features: ['leads', 'leads', 'inbox'],
    returnUrl: 'https://crm.example/meta/done',
  });
  const url = new URL(out.authUrl);
  expect(url.origin + url.pathname).toBe('https://www.facebook.com/v26.0/dialog/oauth');
  expect(url.searchParams.get('client_id')).toBe(APP.appId);
  expect(url.searchParams.get('redirect_uri')).toBe(f.deps.settings.redirectUri);
  expect(url.searchParams.get('response_type')).toBe('code');
  const wanted = scopesForFeatures(['leads', 'inbox']).scopes;
  expect(url.searchParams.get('scope')!.split(',')).toEqual(wanted);
  expect(out.scopes).toEqual(wanted);
  const state = await verifyState(url.searchParams.get('state')!, APP.stateSigningKey, NOW);
  expect(state).toMatchObject({
    ok: true,
    claims: {
      tenantId: 't1',
      actor: 'user:ana',
      features: ['leads', 'inbox'],
      returnUrl: 'https://crm.example/meta/done',
    },
  });
  expect(f.audit).toEqual([
    expect.objectContaining({
      action: 'oauth.start',
      result: 'success',
      details: { features: ['leads', 'inbox'], scopes: wanted },
    }),
  ]);
});

it.each([
  ['https://evil.example/x', 'return_url_not_allowed'],
  ['http://crm.example/x', 'return_url_not_https'],
  ['https://user:pw@crm.example/x', 'return_url_has_credentials'],
  ['/relative', 'return_url_not_absolute'],
])('refuses the return URL %s (%s) and audits the refusal', async (returnUrl, reason) => {
  const f = connectionFakes();
  await expect(
    startAuthorization(f.deps, { tenantId: 't1', actor: 'user:ana', features: ['leads'], returnUrl }),
  ).rejects.toMatchObject({ kind: 'validation', reason });
  expect(f.audit).toEqual([expect.objectContaining({ action: 'oauth.start', result: 'denied', reason })]);
});
