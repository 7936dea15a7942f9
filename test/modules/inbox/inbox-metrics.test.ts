/** The hourly inbox figures with in-memory fakes: counted from what the inbox stores, read back by day and range. */
import { ingestInbox } from '../../../lambdas/modules/inbox/core/ingest-inbox';
import { readInboxMetrics, syncInboxMetrics } from '../../../lambdas/modules/inbox/core/inbox-metrics';
import { activeConnection, FakeInboxMetricsStore, inboxFakes, PAGE, pageComment } from './fakes';

const at = (iso: string) => Date.parse(iso) / 1000;

/** a person commented at 08:00 and the Page answered ten minutes later */
async function answeredComment(over = {}) {
  const f = inboxFakes();
  f.connections.add(activeConnection(over), { pages: [PAGE] });
  await ingestInbox(f.deps, pageComment('1_1', 'Open today?', at('2026-11-20T08:00:00Z')));
  const answer = pageComment('1_2', 'Until 6pm', at('2026-11-20T08:10:00Z'), { id: PAGE, name: 'Bakery' });
  await ingestInbox(f.deps, { ...answer, value: { ...answer.value, parent_id: '1_1' } });
  const store = new FakeInboxMetricsStore();
  const deps = { clock: f.clock, connections: f.connections, inbox: f.inbox, inboxMetrics: store };
  return { f, store, deps };
}

it('counts the day’s conversation, messages and first response, and reads them back with totals', async () => {
  const { store, deps } = await answeredComment();
  const summary = await syncInboxMetrics(deps);
  expect(summary).toMatchObject({ tenants: 1, conversations: 1, messages: 2 });
  expect(store.rows).toEqual([
    expect.objectContaining({
      tenantId: 't1',
      date: '2026-11-20',
      assetId: PAGE,
      channel: 'facebook_comment',
      conversationsOpened: 1,
      messagesIn: 1,
      messagesOut: 1,
      responded: 1,
    }),
  ]);

  const read = await readInboxMetrics(deps, 't1', { since: '2026-11-19', until: '2026-11-20' });
  expect(read.days).toHaveLength(1);
  expect(read.totals).toMatchObject({ conversationsOpened: 1, responded: 1, responseRate: 1 });
  expect(read.totals.firstResponseP50Seconds).toBeCloseTo(600, -1);
  expect((await readInboxMetrics(deps, 'other', {})).days).toEqual([]);
});

it('leaves out tenants without the inbox feature, and the threads of a revoked connection', async () => {
  const noInbox = await answeredComment();
  noInbox.f.connections.connections.set('t1|c1', activeConnection({ features: ['leads'] }));
  expect(await syncInboxMetrics(noInbox.deps)).toMatchObject({ tenants: 0, rows: 0 });

  const revoked = await answeredComment();
  revoked.f.connections.connections.set('t1|c1', activeConnection({ status: 'revoked' }));
  await syncInboxMetrics(revoked.deps);
  expect(revoked.store.rows.filter((r) => r.messagesIn > 0)).toEqual([]);
});

it('refuses a range that ends before it starts, naming the field', async () => {
  const { deps } = await answeredComment();
  await expect(
    readInboxMetrics(deps, 't1', { since: '2026-11-20', until: '2026-11-01' }),
  ).rejects.toMatchObject({ kind: 'validation', issues: [{ field: 'query.since', message: 'after until' }] });
});
