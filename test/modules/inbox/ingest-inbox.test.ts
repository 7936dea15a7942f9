/** Meta's inbox changes through the worker's use case, with in-memory fakes: routed, stored sealed, announced once. */
import { ingestInbox } from '../../../lambdas/modules/inbox/core/ingest-inbox';
import { withBatchScope } from '../../../lambdas/modules/inbox/core/batch-scope';
import { conversationIdFor, messageIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';
import { activeConnection, inboxFakes, messengerMessage, PAGE, pageComment } from './fakes';

const AT = Date.parse('2026-11-20T09:59:00Z');
const PSID = '6543210987654321';

it('stores a person’s Messenger message sealed, opens its conversation and announces it once, ids only', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });

  const out = await ingestInbox(f.deps, messengerMessage('m_1', 'Hello there', AT));

  expect(out.events).toEqual([
    {
      type: 'content',
      channel: 'messenger',
      outcome: 'routed',
      tenants: [{ tenantId: 't1', connectionId: 'c1', outcome: 'created', reason: expect.any(String) }],
    },
  ]);
  const id = messageIdFor('messenger', 'm_1');
  const stored = f.inbox.messages.get(`t1|${id}`)!;
  expect(stored).toMatchObject({ direction: 'inbound', conversationApplied: true, eventPublished: true });
  expect(JSON.stringify(stored)).not.toContain('Hello there');
  expect(await f.deps.cipher.decrypt('t1', stored.textCipher!, `${id}:text`)).toBe('Hello there');
  const conversation = f.inbox.conversations.get(`t1|${conversationIdFor('messenger', PAGE, PSID)}`)!;
  expect(conversation).toMatchObject({ channel: 'messenger', assetId: PAGE, threadKey: PSID });
  expect(f.events.map((e) => e.type)).toEqual(['message.received']);
  expect(f.events[0]!.detail).toMatchObject({ messageId: id, channel: 'messenger', connectionId: 'c1' });
  expect(JSON.stringify(f.events)).not.toContain('Hello there');

  // Meta redelivers: nothing is stored or announced twice
  const again = await ingestInbox(f.deps, messengerMessage('m_1', 'Hello there', AT));
  expect(again.events[0]!.tenants[0]).toMatchObject({ outcome: 'duplicate', reason: 'already_stored' });
  expect(f.events).toHaveLength(1);
});

it('announces a comment as comment.received with its post', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  await ingestInbox(f.deps, pageComment('1_1', 'Nice cake', AT / 1000));
  expect(f.events.map((e) => e.type)).toEqual(['comment.received']);
  expect(f.events[0]!.detail).toMatchObject({
    channel: 'facebook_comment',
    postId: `${PAGE}_122131676912594941`,
    parentMetaId: null,
  });
});

describe('routing: each tenant’s outcome carries its reason', () => {
  it('an asset nobody selected is not routed', async () => {
    const f = inboxFakes();
    const out = await ingestInbox(f.deps, messengerMessage('m_1', 'hi', AT));
    expect(out.events[0]).toMatchObject({ outcome: 'unrouted', reason: 'asset_not_selected', tenants: [] });
    expect(f.inbox.messages.size).toBe(0);
  });

  it.each([
    ['connection_revoked', { status: 'revoked' as const }],
    ['connection_revoked', { deletionRequestedAt: '2026-11-20T09:00:00Z' }],
    ['inbox_not_enabled', { features: ['leads'] }],
  ])('skipped: %s', async (reason, over) => {
    const f = inboxFakes();
    f.connections.add(activeConnection(over), { pages: [PAGE] });
    const out = await ingestInbox(f.deps, messengerMessage('m_1', 'hi', AT));
    expect(out.events[0]!.tenants).toEqual([
      { tenantId: 't1', connectionId: 'c1', outcome: 'skipped', reason },
    ]);
    expect(f.inbox.messages.size).toBe(0);
    expect(f.events).toHaveLength(0);
  });

  it('a connection that is gone is skipped; another tenant of the same Page still gets the message', async () => {
    const f = inboxFakes();
    f.connections.add(activeConnection(), { pages: [PAGE] });
    f.connections.add(activeConnection({ tenantId: 't2', connectionId: 'c2' }), { pages: [PAGE] });
    f.connections.connections.delete('t1|c1');
    const out = await ingestInbox(f.deps, messengerMessage('m_1', 'hi', AT));
    expect(out.events[0]!.tenants).toEqual([
      { tenantId: 't1', connectionId: 'c1', outcome: 'skipped', reason: 'connection_gone' },
      expect.objectContaining({ tenantId: 't2', outcome: 'created' }),
    ]);
  });
});

it('a batch reads the Page’s routes, its connection and the tenant’s retention once, not once per message', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  let settingsReads = 0;
  const get = f.deps.settings.get;
  f.deps.settings.get = (t, k) => (settingsReads++, get(t, k));
  const batchOfFive = withBatchScope(f.deps);
  await Promise.all(
    [1, 2, 3, 4, 5].map((i) => ingestInbox(batchOfFive, messengerMessage(`m_${i}`, `hi ${i}`, AT + i))),
  );
  expect(f.inbox.messages.size).toBe(5);
  expect(f.connections.reads).toEqual({ routesFor: 1, get: 1 });
  expect(settingsReads).toBe(1);
  // the next batch reads afresh: a connection revoked in between is seen
  f.connections.connections.set('t1|c1', activeConnection({ status: 'revoked' }));
  const next = await ingestInbox(withBatchScope(f.deps), messengerMessage('m_6', 'hi', AT + 6));
  expect(next.events[0]!.tenants[0]).toMatchObject({ outcome: 'skipped', reason: 'connection_revoked' });
});
