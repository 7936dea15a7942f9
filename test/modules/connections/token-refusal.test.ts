/**
 * The changes other modules make to a connection, through the connections' contracts: a refused token
 * expires it once (tokens dropped, audited, announced), and a revocation clears its tokens at once.
 */
import {
  expireOnTokenError,
  markExpired,
  revokeConnection,
} from '../../../lambdas/modules/connections/contracts';
import { connection, connectionFakes, graphError } from './fakes';

it('a token error expires the connection once, with the reason Meta gave', async () => {
  const f = connectionFakes();
  await f.connections.add(connection(), { pageTokens: ['pg1', 'pg2'] });
  expect(await expireOnTokenError(f.deps, connection(), graphError(190, 460, 401), 'system:inbox')).toBe(
    'password_changed',
  );
  expect(f.connections.stored()).toMatchObject({ status: 'expired', statusReason: 'password_changed' });
  expect(f.connections.stored()?.userTokenCiphertext).toBeUndefined();
  expect(f.connections.pageTokens.size).toBe(0);
  expect(f.audit).toEqual([
    expect.objectContaining({
      actor: 'system:inbox',
      action: 'connection.status',
      details: { from: 'active', to: 'expired', tokensDiscarded: true, pageTokensDeleted: 2 },
    }),
  ]);
  // the copy it now holds is expired: a second report changes nothing and announces nothing
  await markExpired(f.deps, f.connections.stored()!, 'token_invalid', 'system:inbox');
  expect(f.events.map((e) => e.type)).toEqual(['connection.expired']);
});

it('any other failure leaves the connection as it is', async () => {
  const f = connectionFakes();
  await f.connections.add(connection());
  expect(await expireOnTokenError(f.deps, connection(), graphError(4, undefined, 403), 'a')).toBeNull();
  expect(await expireOnTokenError(f.deps, connection(), new Error('boom'), 'a')).toBeNull();
  expect(f.connections.stored()?.status).toBe('active');
  expect(f.events).toEqual([]);
});

it('a worker holding a copy read before a disconnect cannot bring the connection back', async () => {
  const f = connectionFakes();
  const stale = connection();
  await f.connections.add(stale);
  await revokeConnection(f.deps, stale, {
    actor: 'meta',
    reason: 'user_deauthorized',
    deletionRequested: true,
  });
  await markExpired(f.deps, stale, 'token_invalid', 'system:publish');
  expect(f.connections.stored()).toMatchObject({ status: 'revoked', statusReason: 'user_deauthorized' });
  expect(f.events.map((e) => e.type)).toEqual(['connection.revoked']);
});
