/**
 * Meta's privacy callbacks with fakes: nothing changes unless the signed_request is authentic and fresh;
 * deauthorize revokes the person's connections in every tenant and queues their purge once; a data
 * deletion request answers one confirmation code however often it is delivered.
 */
import {
  deauthorize,
  deletionStatus,
  requestDataDeletion,
} from '../../../lambdas/modules/privacy/core/meta-callbacks';
import { PurgeRequested } from '../../../lambdas/modules/privacy/contracts';
import { signRequest } from '../../../local/meta-simulator';
import { APP } from '../connections/fakes';
import { connection, privacyFakes } from './fakes';

/** Meta's app-scoped user ids are digits */
const USER = '10231947650218873';
const nowS = (f: ReturnType<typeof privacyFakes>) => Math.floor(f.clock.now().getTime() / 1000);
const signed = (
  f: ReturnType<typeof privacyFakes>,
  over: Record<string, unknown> = {},
  secret = APP.appSecret,
) => signRequest({ algorithm: 'HMAC-SHA256', issued_at: nowS(f) - 10, user_id: USER, ...over }, secret);

async function twoTenants(f: ReturnType<typeof privacyFakes>) {
  await f.connections.add(connection({ tenantId: 't1', connectionId: 'con_1', metaUserId: USER }), {
    pageTokens: ['pg1'],
  });
  await f.connections.add(connection({ tenantId: 't2', connectionId: 'con_2', metaUserId: USER }), {
    pageTokens: ['pg2'],
  });
  await f.connections.add(connection({ tenantId: 't3', connectionId: 'con_3', metaUserId: '555' }));
}

describe('deauthorize', () => {
  it("revokes the person's connections in every tenant at once and queues each purge", async () => {
    const f = privacyFakes();
    await twoTenants(f);
    const out = await deauthorize(f.callbacks, signed(f));
    expect(out).toMatchObject({ revoked: 2, reason: 'tokens_cleared_purge_queued' });
    for (const [t, id] of [
      ['t1', 'con_1'],
      ['t2', 'con_2'],
    ] as const) {
      const c = f.connections.stored(t, id)!;
      expect(c).toMatchObject({ status: 'revoked', statusReason: 'user_deauthorized' });
      expect(c.userTokenCiphertext).toBeUndefined();
    }
    expect(f.connections.pageTokens.size).toBe(0);
    expect(f.connections.stored('t3', 'con_3')?.status).toBe('active');
    expect(f.commands.map((c) => [c.detailType, c.detail.connectionId])).toEqual([
      [PurgeRequested.detailType, 'con_1'],
      [PurgeRequested.detailType, 'con_2'],
    ]);
    const request = f.deletions.requests.get(out.deletionCode!);
    expect(request).toMatchObject({
      source: 'meta_deauthorize',
      metaUserId: USER,
      status: 'pending',
    });
  });

  it('delivered again, it queues no second purge', async () => {
    const f = privacyFakes();
    await twoTenants(f);
    await deauthorize(f.callbacks, signed(f));
    expect(await deauthorize(f.callbacks, signed(f))).toEqual({
      revoked: 2,
      reason: 'purge_already_requested',
    });
    expect(f.commands).toHaveLength(2);
    expect(f.events.filter((e) => e.type === 'connection.revoked')).toHaveLength(2);
  });

  it('a person without connections changes nothing', async () => {
    const f = privacyFakes();
    expect(await deauthorize(f.callbacks, signed(f))).toEqual({
      revoked: 0,
      reason: 'no_connections_for_user',
    });
    expect(f.commands).toEqual([]);
  });

  it.each([
    [
      'a wrong signature',
      (f: ReturnType<typeof privacyFakes>) => signed(f, {}, 'not-the-secret'),
      'signature_mismatch',
    ],
    [
      'a stale request',
      (f: ReturnType<typeof privacyFakes>) => signed(f, { issued_at: nowS(f) - 7200 }),
      'signed_request_expired',
    ],
    ['no request', () => undefined, 'signed_request_missing'],
    [
      'another algorithm',
      (f: ReturnType<typeof privacyFakes>) => signed(f, { algorithm: 'none' }),
      'algorithm_not_supported',
    ],
  ])('%s is refused with nothing changed', async (_name, make, reason) => {
    const f = privacyFakes();
    await twoTenants(f);
    await expect(deauthorize(f.callbacks, make(f))).rejects.toMatchObject({ kind: 'unauthorized', reason });
    expect(f.connections.stored()?.status).toBe('active');
    expect(f.commands).toEqual([]);
  });

  it('a request signed with the secret a rotation just replaced is still accepted in its grace period', async () => {
    const f = privacyFakes();
    await twoTenants(f);
    f.setApp({
      ...APP,
      appSecret: 'new-secret',
      previous: { appSecret: APP.appSecret, until: new Date(f.clock.now().getTime() + 3600_000) },
    });
    expect(await deauthorize(f.callbacks, signed(f))).toMatchObject({ revoked: 2 });
  });
});

describe('data deletion', () => {
  it('revokes, records the request with its status page, queues the purges and audits each tenant', async () => {
    const f = privacyFakes();
    await twoTenants(f);
    const answer = await requestDataDeletion(f.callbacks, signed(f));
    expect(answer.url).toBe(`https://api.example/api/v1/meta/data-deletion/${answer.confirmation_code}`);
    expect(f.deletions.requests.get(answer.confirmation_code)).toMatchObject({
      source: 'meta_data_deletion',
      status: 'pending',
      connections: [
        { tenantId: 't1', connectionId: 'con_1' },
        { tenantId: 't2', connectionId: 'con_2' },
      ],
    });
    expect(f.connections.stored()?.statusReason).toBe('user_requested_deletion');
    expect(f.commands).toHaveLength(2);
    expect(f.audit.filter((a) => a.action === 'deletion.requested').map((a) => a.tenantId)).toEqual([
      't1',
      't2',
    ]);
    expect(await deletionStatus(f.callbacks, answer.confirmation_code)).toMatchObject({
      status: 'pending',
      connections: 2,
      connectionsPurged: 0,
      retained: [],
    });
  });

  it('the same signed request delivered again gets the same code and queues nothing new', async () => {
    const f = privacyFakes();
    await twoTenants(f);
    const request = signed(f);
    const first = await requestDataDeletion(f.callbacks, request);
    const again = await requestDataDeletion(f.callbacks, request);
    expect(again).toEqual(first);
    expect(f.commands).toHaveLength(2);
  });

  it('a first delivery that died before finishing is finished by the next one, with its code', async () => {
    const f = privacyFakes();
    await twoTenants(f);
    const request = signed(f);
    f.callbacks.connections.listByMetaUser = async () => {
      throw new Error('function timed out');
    };
    await expect(requestDataDeletion(f.callbacks, request)).rejects.toThrow('timed out');
    expect(f.commands).toEqual([]);
    delete (f.callbacks.connections as { listByMetaUser?: unknown }).listByMetaUser;
    const [claimed] = [...f.deletions.claims.values()];
    // within the first delivery's lease, a second one answers its code and leaves the work to it
    expect(await requestDataDeletion(f.callbacks, request)).toMatchObject({
      confirmation_code: claimed!.code,
    });
    expect(f.commands).toEqual([]);
    f.clock.at = new Date(f.clock.at.getTime() + 31_000);
    const answer = await requestDataDeletion(f.callbacks, request);
    expect(answer.confirmation_code).toBe(claimed!.code);
    expect(f.commands).toHaveLength(2);
    expect(f.deletions.requests.get(answer.confirmation_code)?.status).toBe('pending');
  });

  it('a person with no connections gets a code whose request is already completed', async () => {
    const f = privacyFakes();
    const answer = await requestDataDeletion(f.callbacks, signed(f, { user_id: '999' }));
    expect(await deletionStatus(f.callbacks, answer.confirmation_code)).toMatchObject({
      status: 'completed',
      connections: 0,
    });
  });

  it('an unknown confirmation code is not found', async () => {
    const f = privacyFakes();
    await expect(deletionStatus(f.callbacks, 'nope')).rejects.toMatchObject({
      kind: 'not_found',
      reason: 'deletion_not_found',
    });
  });
});
