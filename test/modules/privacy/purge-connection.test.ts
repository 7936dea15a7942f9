/**
 * The deletion worker's connection purge with fakes: every item of the connection, its routes, its
 * calendar posts, the tenant's export files and replay answers, then the connection itself; leads kept
 * when the tenant says so; resumable, bounded by a deadline, and never run on a live connection.
 */
import { purgeConnection } from '../../../lambdas/modules/privacy/core/purge-connection';
import { PurgeRequested } from '../../../lambdas/modules/privacy/contracts';
import { RETENTION_SETTINGS_KEY } from '../../../lambdas/platform/core/retention-policy';
import { emptySelection } from '../../../lambdas/modules/connections/core/assets';
import type { PostRecord } from '../../../lambdas/modules/publishing/contracts/post-records';
import { connection, privacyFakes } from './fakes';

const cmd = { tenantId: 't1', connectionId: 'con_1', deletionCode: 'dlc_1', requestedBy: 'meta' };

async function revokedWithData(f: ReturnType<typeof privacyFakes>) {
  await f.connections.add(
    connection({ status: 'revoked', selection: { ...emptySelection(), pages: ['pg1'] } }),
  );
  await f.deletions.create(
    {
      code: 'dlc_1',
      source: 'disconnect',
      status: 'pending',
      requestedAt: f.clock.now().toISOString(),
      connections: [{ tenantId: 't1', connectionId: 'con_1' }],
    },
    new Date(),
  );
  f.purge.add('t1', 'con_1', 'lead', 3);
  f.purge.add('t1', 'con_1', 'conversation', 2);
  f.purge.add('t1', 'con_2', 'lead', 1);
}

const post = (id: string, connections: string[]): PostRecord => ({
  tenantId: 't1',
  id,
  message: 'Hello',
  media: [],
  targets: connections.map((_, i) => ({ type: 'facebook_page', id: `pg${i}` })),
  status: 'approved',
  targetStates: Object.fromEntries(
    connections.map((c, i) => [`facebook_page:pg${i}`, { connectionId: c, status: 'pending' as const }]),
  ),
  createdBy: 'user:ana',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
});

it('deletes every item of the connection and the connection itself, finishes the request, announces it', async () => {
  const f = privacyFakes();
  await revokedWithData(f);
  f.posts.posts.set('post_a', post('post_a', ['con_1']));
  f.posts.posts.set('post_b', post('post_b', ['con_1', 'con_2']));
  await f.exports.save({
    tenantId: 't1',
    id: 'exp_1',
    status: 'completed',
    requestedAt: '',
    requestedBy: 'a',
    location: 'mem://t1/exp_1.jsonl',
  });
  f.store.files.set('mem://t1/exp_1.jsonl', ['{}']);

  const out = await purgeConnection(f.purgeDeps, cmd);
  expect(out).toEqual({ outcome: 'purged', reason: 'purged', deleted: 3 + 2 + 1 + 1 + 1, keptLeads: false });
  expect(f.purge.items.map((i) => i.connectionId)).toEqual(['con_2']);
  expect(f.purge.deletedConnections).toEqual(['t1|con_1']);
  expect([...f.posts.posts.keys()]).toEqual(['post_b']);
  expect(f.posts.posts.get('post_b')).toMatchObject({ status: 'draft', targets: [{ id: 'pg1' }] });
  expect(f.store.files.size).toBe(0);
  expect(f.forgotten).toEqual(['t1']);
  expect(f.deletions.requests.get('dlc_1')).toMatchObject({ status: 'completed' });
  expect(f.events.map((e) => [e.type, e.detail.eventId])).toEqual([
    ['deletion.completed', 'deletion.completed:dlc_1:con_1'],
  ]);
  expect(f.audit.at(-1)).toMatchObject({ action: 'deletion.completed', reason: 'purged' });
  expect(f.metrics.calls).toEqual([{ metric: 'purgedItems', dimensions: {}, value: out.deleted }]);
});

it("keeps the CRM leads when the tenant chose to, and says so on the request's status", async () => {
  const f = privacyFakes();
  await revokedWithData(f);
  f.settings.set(`t1|${RETENTION_SETTINGS_KEY}`, { keepLeadsAfterDisconnect: true });
  const out = await purgeConnection(f.purgeDeps, cmd);
  expect(out.keptLeads).toBe(true);
  expect(f.purge.items.filter((i) => i.connectionId === 'con_1').map((i) => i.entity)).toEqual([
    'lead',
    'lead',
    'lead',
  ]);
  expect(f.deletions.requests.get('dlc_1')?.connections[0]).toMatchObject({ keptLeads: true });
});

it('refuses to purge a connection that is not revoked', async () => {
  const f = privacyFakes();
  await f.connections.add(connection());
  f.purge.add('t1', 'con_1', 'lead', 2);
  expect(await purgeConnection(f.purgeDeps, cmd)).toEqual({
    outcome: 'refused',
    reason: 'connection_active',
    deleted: 0,
    keptLeads: false,
  });
  expect(f.purge.items).toHaveLength(2);
});

it('a purge past its deadline re-queues its command and stops; the next run finishes', async () => {
  const f = privacyFakes();
  await revokedWithData(f);
  const out = await purgeConnection(f.purgeDeps, cmd, { deadline: f.clock.now() });
  expect(out).toMatchObject({ outcome: 'continued', reason: 'time_budget_spent' });
  expect(f.commands).toEqual([{ detailType: PurgeRequested.detailType, detail: cmd }]);
  expect(f.purge.deletedConnections).toEqual([]);
  expect(await purgeConnection(f.purgeDeps, cmd)).toMatchObject({ outcome: 'purged' });
});

it('a purge stopped half-way resumes where the table stands; a finished one finds the connection gone', async () => {
  const f = privacyFakes();
  await revokedWithData(f);
  expect(await purgeConnection(f.purgeDeps, cmd, { stopAfter: 2 })).toMatchObject({
    outcome: 'stopped',
    deleted: 2,
  });
  expect(await purgeConnection(f.purgeDeps, cmd)).toMatchObject({ outcome: 'purged' });
  f.connections.connections.clear();
  expect(await purgeConnection(f.purgeDeps, cmd)).toMatchObject({
    outcome: 'already_gone',
    reason: 'already_gone',
  });
});
