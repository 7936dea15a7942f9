/**
 * A disconnect with fakes: the grant revoked at Meta, the connection revoked here at once (tokens gone,
 * announced), and the purge of its data requested from privacy, whose code the tenant gets.
 */
import { disconnect } from '../../../lambdas/modules/connections/core/disconnect';
import { connection, connectionFakes, graphError } from './fakes';

function fakes() {
  const f = connectionFakes();
  return { ...f, deps: { ...f.deps, deletions: f.deletions } };
}

it('revokes at Meta with the user token, revokes here, and requests the purge', async () => {
  const f = fakes();
  await f.connections.add(connection(), { pageTokens: ['pg1'] });
  const out = await disconnect(f.deps, 't1', 'con_1', 'user:ana');
  expect(out).toEqual({
    connectionId: 'con_1',
    status: 'revoked',
    metaRevocation: 'revoked_at_meta',
    deletion: { confirmationCode: 'dlc_1', status: 'pending' },
  });
  expect(f.graph.called('revokePermissions')).toEqual([['user-token']]);
  const c = f.connections.stored()!;
  expect(c).toMatchObject({ status: 'revoked', statusReason: 'disconnected_by_tenant' });
  expect(c.userTokenCiphertext).toBeUndefined();
  expect(c.deletionRequestedAt).toBe(f.clock.now().toISOString());
  expect(f.connections.pageTokens.size).toBe(0);
  expect(f.deletions.requests).toEqual([
    { connections: [{ tenantId: 't1', connectionId: 'con_1' }], actor: 'user:ana' },
  ]);
  expect(f.events.map((e) => [e.type, e.detail.reason])).toEqual([
    ['connection.revoked', 'disconnected_by_tenant'],
  ]);
  expect(f.audit.map((a) => [a.action, a.reason])).toEqual([
    ['connection.revoke', 'disconnected_by_tenant'],
    ['connection.disconnect', 'revoked_at_meta'],
  ]);
});

it('Meta refusing the revocation (the token is already dead) does not stop the local one; it is recorded', async () => {
  const f = fakes();
  await f.connections.add(connection());
  f.graph.fail('revokePermissions', graphError(190, 463, 401));
  const out = await disconnect(f.deps, 't1', 'con_1', 'user:ana');
  expect(out.metaRevocation).toBe('meta_revocation_failed_token_expired');
  expect(f.connections.stored()?.status).toBe('revoked');
  expect(f.deletions.requests).toHaveLength(1);
});

it('an expired connection has no token to revoke at Meta; a revoked one is not announced twice', async () => {
  const f = fakes();
  await f.connections.add(connection({ status: 'expired', userTokenCiphertext: undefined }));
  expect((await disconnect(f.deps, 't1', 'con_1', 'a')).metaRevocation).toBe('no_token_to_revoke');
  expect(f.graph.calls).toEqual([]);
  await disconnect(f.deps, 't1', 'con_1', 'a');
  expect(f.events.filter((e) => e.type === 'connection.revoked')).toHaveLength(1);
  await expect(disconnect(f.deps, 't2', 'con_1', 'a')).rejects.toMatchObject({ kind: 'not_found' });
});
