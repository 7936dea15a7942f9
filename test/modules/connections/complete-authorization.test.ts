/**
 * Meta's redirect back with fakes: a good code becomes an encrypted connection with its Page tokens and
 * catalog; every failure stores nothing but an audit entry and sends the person back with a reason.
 */
import { completeAuthorization } from '../../../lambdas/modules/connections/core/complete-authorization';
import { signState } from '../../../lambdas/modules/connections/core/oauth-state';
import { scopesForFeatures, type Feature } from '../../../lambdas/core/scopes/scope-registry';
import { APP, connection, connectionFakes, graphError, inDays, NOW, page, sealed, validToken } from './fakes';

const RETURN = 'https://crm.example/meta/done';

async function state(opts: { features?: Feature[]; at?: Date; nonce?: string; key?: string } = {}) {
  return (
    await signState(
      {
        tenantId: 't1',
        returnUrl: RETURN,
        features: opts.features ?? ['leads'],
        actor: 'user:ana',
        nonce: opts.nonce ?? 'st_1',
      },
      opts.key ?? APP.stateSigningKey,
      opts.at ?? NOW,
    )
  ).state;
}

function metaGrants(f: ReturnType<typeof connectionFakes>, scopes = scopesForFeatures(['leads']).scopes) {
  f.graph.tokenInfo['long-token'] = validToken({ scopes });
  f.graph.pages = [page('pg1'), page('pg2', { instagramBusinessAccountId: 'ig1' })];
}

const query = (location: string) => Object.fromEntries(new URL(location).searchParams);

it('connects: tokens encrypted, Page tokens kept, catalog built, announced, and the person sent back', async () => {
  const f = connectionFakes();
  metaGrants(f);
  const out = await completeAuthorization(f.deps, { code: 'code-1', state: await state() });

  expect(out).toMatchObject({ kind: 'redirect', reason: 'connected' });
  const { connectionId } = out as { connectionId: string };
  expect(query((out as { location: string }).location)).toEqual({ status: 'connected', connectionId });
  expect(f.graph.called('exchangeCode')).toEqual([['code-1', f.deps.settings.redirectUri]]);
  expect(f.graph.called('exchangeForLongLived')).toEqual([['short-token']]);

  const c = f.connections.stored('t1', connectionId)!;
  expect(c).toMatchObject({
    status: 'active',
    statusReason: 'token_valid',
    metaUserId: 'meta-user-1',
    metaUserName: 'Ana',
    userTokenCiphertext: sealed('t1', connectionId, 'long-token'),
    tokenExpiresAt: inDays(60).toISOString(),
    missingFeatures: [],
    createdBy: 'user:ana',
  });
  expect(await f.connections.getPageToken('t1', connectionId, 'pg2')).toMatchObject({
    ciphertext: sealed('t1', connectionId, 'page-token:pg2'),
  });
  const catalog = await f.connections.getAssets('t1', connectionId);
  expect(catalog?.pages.map((p) => p.id)).toEqual(['pg1', 'pg2']);
  // instagram_basic was not granted: the linked account is listed by its id, without a call to read it
  expect(catalog?.instagramAccounts).toEqual([{ id: 'ig1', name: 'ig1', pageId: 'pg2', username: null }]);
  expect(f.graph.called('getInstagramAccount')).toEqual([]);
  expect(f.events.map((e) => [e.type, e.detail.connectionId])).toEqual([
    ['connection.connected', connectionId],
  ]);
  expect(f.audit.at(-1)).toMatchObject({ action: 'oauth.callback', result: 'success', reason: 'connected' });
  expect(f.oauthStates.consumed.has('st_1')).toBe(true);
});

it('a grant missing a feature permission connects as a partial grant and says which feature', async () => {
  const f = connectionFakes();
  metaGrants(f, ['pages_show_list']);
  const out = await completeAuthorization(f.deps, { code: 'c', state: await state({ features: ['leads'] }) });
  expect(out).toMatchObject({ kind: 'redirect', reason: 'partial_grant' });
  expect(query((out as { location: string }).location)).toMatchObject({ missingFeatures: 'leads' });
  const c = f.connections.stored('t1', (out as { connectionId: string }).connectionId)!;
  expect(c.statusReason).toBe('partial_grant');
  expect(c.missingFeatures.map((m) => m.feature)).toEqual(['leads']);
});

it('reconnecting the same Meta user refreshes that connection instead of making a second one', async () => {
  const f = connectionFakes();
  await f.connections.add(
    connection({ status: 'expired', userTokenCiphertext: undefined, createdBy: 'user:first' }),
  );
  metaGrants(f);
  const out = await completeAuthorization(f.deps, { code: 'c', state: await state() });
  expect(out).toMatchObject({ connectionId: 'con_1' });
  expect(f.connections.connections.size).toBe(1);
  expect(f.connections.stored()).toMatchObject({ status: 'active', createdBy: 'user:first' });
  expect(f.audit.at(-1)?.details).toMatchObject({ reconnected: true });
});

it('a connection whose data is being purged is not revived: the reconnect starts a new one', async () => {
  const f = connectionFakes();
  await f.connections.add(connection({ status: 'revoked', deletionRequestedAt: NOW.toISOString() }));
  metaGrants(f);
  const out = await completeAuthorization(f.deps, { code: 'c', state: await state() });
  expect((out as { connectionId: string }).connectionId).not.toBe('con_1');
  expect(f.connections.stored()?.status).toBe('revoked');
});

it('an asset listing Meta throttles leaves a good connection that says why it has no catalog', async () => {
  const f = connectionFakes();
  metaGrants(f);
  f.graph.fail('listPages', graphError(4, undefined, 403));
  const out = await completeAuthorization(f.deps, { code: 'c', state: await state() });
  const c = f.connections.stored('t1', (out as { connectionId: string }).connectionId)!;
  expect(c.status).toBe('active');
  expect(c.assetsSyncError).toBe('asset_listing_failed_rate_limited_code_4');
  expect(await f.connections.getAssets('t1', c.connectionId)).toBeUndefined();
});

it.each([
  ['the person declined', { error: 'access_denied' }, 'access_denied', 'denied'],
  ['another consent error', { error: 'server_error' }, 'consent_error', 'failure'],
  ['no code', {}, 'code_missing', 'failure'],
])('%s: nothing is stored, the person is sent back with %s', async (_name, input, reason, result) => {
  const f = connectionFakes();
  const out = await completeAuthorization(f.deps, { ...input, state: await state() });
  expect(out).toMatchObject({ kind: 'redirect', reason });
  expect(query((out as { location: string }).location)).toEqual({ status: 'error', reason });
  expect(f.connections.connections.size).toBe(0);
  expect(f.audit).toEqual([expect.objectContaining({ action: 'oauth.callback', result, reason })]);
});

it('a code Meta refuses to exchange stores nothing and names the Graph reason', async () => {
  const f = connectionFakes();
  f.graph.fail('exchangeCode', graphError(100, 36009));
  const out = await completeAuthorization(f.deps, { code: 'used', state: await state() });
  expect(out).toMatchObject({ kind: 'redirect', reason: 'code_exchange_failed_rejected_code_100' });
  expect(f.audit.at(-1)?.details).toMatchObject({ metaCode: 100, metaSubcode: 36009 });
  expect(f.connections.connections.size).toBe(0);
});

it('a state used twice is refused the second time (a replay cannot connect again)', async () => {
  const f = connectionFakes();
  metaGrants(f);
  const s = await state();
  await completeAuthorization(f.deps, { code: 'c', state: s });
  const again = await completeAuthorization(f.deps, { code: 'c', state: s });
  expect(again).toMatchObject({ kind: 'redirect', reason: 'state_replayed' });
  expect(f.graph.called('exchangeCode')).toHaveLength(1);
});

it('an expired state sends the person back (its return URL is authentic); a forged one gets a problem', async () => {
  const f = connectionFakes();
  const old = await state({ at: new Date(NOW.getTime() - 11 * 60_000) });
  expect(await completeAuthorization(f.deps, { code: 'c', state: old })).toMatchObject({
    kind: 'redirect',
    reason: 'state_expired',
  });
  const forged = await state({ key: 'not-our-key-0123456789abcdef0123456789' });
  expect(await completeAuthorization(f.deps, { code: 'c', state: forged })).toMatchObject({
    kind: 'problem',
    error: { kind: 'validation', reason: 'state_invalid' },
  });
  expect(await completeAuthorization(f.deps, { code: 'c' })).toMatchObject({
    kind: 'problem',
    error: { reason: 'state_missing' },
  });
  expect(f.graph.calls).toEqual([]);
});

it('a return URL taken off the allow-list since the dialog opened is not followed', async () => {
  const f = connectionFakes();
  const s = await state();
  f.deps.settings.returnUrls.allowlist = ['https://other.example'];
  const out = await completeAuthorization(f.deps, { code: 'c', state: s });
  expect(out).toMatchObject({ kind: 'problem', error: { reason: 'return_url_not_allowed' } });
  expect(f.audit).toEqual([expect.objectContaining({ result: 'denied', reason: 'return_url_not_allowed' })]);
});
