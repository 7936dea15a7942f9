/**
 * The daily token watch with fakes: each connection gets a decision with its reason — valid, refreshed,
 * warned (7, 3, 1 days, once each), expired — and one connection failing never stops the others.
 */
import { watchTokens } from '../../../lambdas/modules/connections/core/watch-tokens';
import { connection, connectionFakes, graphError, inDays, NOW, page, sealed, validToken } from './fakes';

async function watchOne(over: Parameters<typeof connection>[0], info: ReturnType<typeof validToken>) {
  const f = connectionFakes();
  await f.connections.add(connection(over));
  f.graph.tokenInfo['user-token'] = info;
  const [outcome] = await watchTokens(f.deps);
  return { f, outcome: outcome! };
}

it('a token with time left is valid: scopes and expiry refreshed from debug_token, nothing announced', async () => {
  const { f, outcome } = await watchOne(
    {},
    validToken({ scopes: ['pages_show_list'], expiresAt: inDays(40) }),
  );
  expect(outcome).toMatchObject({ outcome: 'valid', reason: 'token_valid' });
  expect(f.connections.stored()).toMatchObject({
    grantedScopes: ['pages_show_list'],
    tokenExpiresAt: inDays(40).toISOString(),
    tokenCheckedAt: NOW.toISOString(),
  });
  expect(f.events).toEqual([]);
});

it.each([
  [463, 'token_expired'],
  [458, 'app_removed_by_user'],
  [undefined, 'token_invalid'],
])(
  'debug_token calling the token invalid (subcode %s) expires the connection: %s',
  async (subcode, reason) => {
    const { f, outcome } = await watchOne({}, validToken({ isValid: false, errorSubcode: subcode ?? null }));
    expect(outcome).toMatchObject({ outcome: 'expired', reason });
    expect(f.connections.stored()).toMatchObject({ status: 'expired', statusReason: reason });
    expect(f.events.map((e) => e.type)).toEqual(['connection.expired']);
  },
);

it('a token Meta refuses outright (code 190) expires the connection with the refusal reason', async () => {
  const f = connectionFakes();
  await f.connections.add(connection());
  f.graph.fail('debugToken', graphError(190, 460, 401));
  expect(await watchTokens(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'expired', reason: 'password_changed' }),
  ]);
});

it('within 7 days: warned once per threshold, with the event the CRM and the notices read', async () => {
  const f = connectionFakes();
  await f.connections.add(connection({ tokenExpiresAt: inDays(6).toISOString() }));
  f.graph.tokenInfo['user-token'] = validToken({ expiresAt: inDays(6), dataAccessExpiresAt: inDays(80) });
  // Meta will not extend it: the exchange gives the same expiry
  f.graph.tokenInfo['long-token'] = validToken({ expiresAt: inDays(6) });
  expect(await watchTokens(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'warned', reason: 'expiring_within_7_days' }),
  ]);
  expect(await watchTokens(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'valid', reason: 'token_expires_soon' }),
  ]);
  expect(f.events.map((e) => [e.type, e.detail.threshold, e.detail.limitedBy])).toEqual([
    ['connection.expiring', 7, 'token'],
  ]);
  expect(f.events[0]!.detail.eventId).toBe(`connection.expiring:con_1:${inDays(6).toISOString()}:7`);
  expect(f.connections.stored()).toMatchObject({ status: 'expiring', expiryWarningsSent: [7] });
});

it('within 7 days Meta extends the token: refreshed, Page tokens re-derived, warnings reset', async () => {
  const f = connectionFakes();
  await f.connections.add(connection({ tokenExpiresAt: inDays(5).toISOString(), expiryWarningsSent: [7] }));
  f.graph.tokenInfo['user-token'] = validToken({ expiresAt: inDays(5) });
  f.graph.tokenInfo['long-token'] = validToken({ expiresAt: inDays(60) });
  f.graph.pages = [page('pg1')];
  expect(await watchTokens(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'refreshed', reason: 'meta_extended_the_token' }),
  ]);
  expect(f.connections.stored()).toMatchObject({
    userTokenCiphertext: sealed('t1', 'con_1', 'long-token'),
    tokenExpiresAt: inDays(60).toISOString(),
    statusReason: 'token_refreshed',
    expiryWarningsSent: [],
  });
  expect(await f.connections.getPageToken('t1', 'con_1', 'pg1')).toBeDefined();
  expect(f.audit.map((a) => a.action)).toContain('connection.token-refresh');
});

it("Meta's data access ending first is what the warning is about (a refresh cannot extend it)", async () => {
  const { f, outcome } = await watchOne(
    {},
    validToken({ expiresAt: inDays(60), dataAccessExpiresAt: inDays(2.5) }),
  );
  expect(outcome).toMatchObject({ outcome: 'warned', reason: 'data_access_expiring_within_3_days' });
  expect(f.graph.called('exchangeForLongLived')).toEqual([]);
  expect(f.events[0]!.detail).toMatchObject({ limitedBy: 'data_access', threshold: 3 });
});

it('data access already past ends the connection whatever the token says', async () => {
  const { outcome } = await watchOne({}, validToken({ dataAccessExpiresAt: inDays(-1) }));
  expect(outcome).toMatchObject({ outcome: 'expired', reason: 'data_access_expired' });
});

it('revoked and expired connections are skipped without a call; one failure does not stop the others', async () => {
  const f = connectionFakes();
  await f.connections.add(
    connection({ connectionId: 'con_r', status: 'revoked', userTokenCiphertext: undefined }),
  );
  await f.connections.add(connection({ connectionId: 'con_a' }));
  await f.connections.add(
    connection({ connectionId: 'con_b', userTokenCiphertext: sealed('t1', 'con_b', 'other-token') }),
  );
  f.graph.tokenInfo['user-token'] = validToken();
  f.graph.tokenInfo['other-token'] = validToken();
  // the first debug_token call fails with an error that is neither retried nor a token problem
  f.graph.fail('debugToken', graphError(1, undefined, 500));
  const outcomes = await watchTokens(f.deps);
  const byId = Object.fromEntries(outcomes.map((o) => [o.connectionId, o]));
  expect(byId.con_r).toMatchObject({ outcome: 'skipped', reason: 'connection_revoked' });
  expect(outcomes.filter((o) => o.outcome === 'failed')).toEqual([
    expect.objectContaining({ reason: 'token_check_failed_transient_code_1' }),
  ]);
  expect(outcomes.filter((o) => o.outcome === 'valid')).toHaveLength(1);
  expect(f.graph.called('debugToken')).toHaveLength(2);
});

it('a connection disconnected while it was checked is skipped, and stays revoked', async () => {
  const f = connectionFakes();
  await f.connections.add(connection());
  f.graph.tokenInfo['user-token'] = validToken();
  const debugToken = f.graph.debugToken.bind(f.graph);
  f.graph.debugToken = async (t) => {
    const info = await debugToken(t);
    await f.connections.update({ ...f.connections.stored()!, status: 'revoked' });
    return info;
  };
  expect(await watchTokens(f.deps)).toEqual([
    expect.objectContaining({ outcome: 'skipped', reason: 'connection_revoked' }),
  ]);
  expect(f.connections.stored()?.status).toBe('revoked');
});
