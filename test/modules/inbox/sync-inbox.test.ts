/** The scheduled comment sync with in-memory fakes: what webhooks missed is stored once, from a watermark. */
import { syncInbox } from '../../../lambdas/modules/inbox/core/sync-inbox';
import { messageIdFor } from '../../../lambdas/modules/inbox/core/inbox-model';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { activeConnection, IG, inboxFakes, PAGE, WA_NUMBER, WABA } from './fakes';

const POST = `${PAGE}_1`;
const comment = (id: string, at: string, over: { fromId?: string; parentId?: string | null } = {}) => ({
  id,
  text: `text of ${id}`,
  fromId: over.fromId ?? '9',
  fromName: 'Ana',
  parentId: over.parentId ?? null,
  createdTime: new Date(at),
});

it('stores the comments webhooks missed, announces them, and moves the watermark to the newest', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.posts.set(PAGE, [POST]);
  f.graph.comments.set(POST, [
    comment('c_1', '2026-11-20T09:00:00Z'),
    comment('c_2', '2026-11-20T09:30:00Z', { parentId: 'c_1', fromId: PAGE }),
  ]);

  const out = await syncInbox(f.deps);
  expect(out.assets).toEqual([
    { tenantId: 't1', connectionId: 'c1', assetId: PAGE, outcome: 'ok', fetched: 2, stored: 2 },
  ]);
  expect(f.inbox.messages.get(`t1|${messageIdFor('facebook_comment', 'c_2')}`)).toMatchObject({
    direction: 'outbound',
  });
  // the person's comment is announced; the Page's own answer is not
  expect(f.events.map((e) => e.type)).toEqual(['comment.received']);
  expect(f.watermarks.get(`c1|comments#${PAGE}`)).toBe('2026-11-20T09:30:00.000Z');

  // the next run finds the same comments (its window overlaps): nothing is stored twice
  const again = await syncInbox(f.deps);
  expect(again.assets[0]).toMatchObject({ outcome: 'ok', stored: 0 });
  expect(f.events).toHaveLength(1);
});

it('reads Instagram comments with the linked Page’s token', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE], instagram: [{ id: IG, pageId: PAGE }] });
  f.graph.posts.set(IG, ['media_1']);
  f.graph.comments.set('media_1', [comment('ig_1', '2026-11-20T09:00:00Z')]);
  const out = await syncInbox(f.deps);
  expect(out.assets.find((a) => a.assetId === IG)).toMatchObject({ outcome: 'ok', stored: 1 });
  expect(f.inbox.messages.has(`t1|${messageIdFor('instagram_comment', 'ig_1')}`)).toBe(true);
  expect(f.graph.listedWith.get(IG)).toBe(`token(ct:page:${PAGE})`);
});

it('an asset without a Page token is reported, and unusable connections are left alone', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.connections.pageTokens.clear();
  f.connections.add(activeConnection({ tenantId: 't2', connectionId: 'c2', status: 'expired' }), {
    pages: ['222222222222'],
  });
  const out = await syncInbox(f.deps);
  expect(out.assets).toEqual([expect.objectContaining({ assetId: PAGE, outcome: 'page_token_missing' })]);
});

it('a token Meta refuses stops that asset with the reason and expires the connection', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.failWith = new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 });
  const out = await syncInbox(f.deps);
  expect(out.assets[0]!.outcome).toMatch(/^token_/);
  expect(f.connections.markedInvalid).toEqual([
    expect.objectContaining({ connectionId: 'c1', actor: 'system:inbox-sync' }),
  ]);
  expect(f.watermarks.size).toBe(0);
});

it('WhatsApp: subscribes the app to each account and keeps its templates with their placeholder count', async () => {
  const f = inboxFakes();
  f.connections.add(activeConnection(), { whatsapp: [{ id: WA_NUMBER, wabaId: WABA }] });
  f.graph.templates.set(WABA, [
    {
      name: 'order_ready',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      bodyText: 'Hi {{1}}, order {{2}} is ready',
    },
  ]);
  const out = await syncInbox(f.deps);
  expect(out.templates).toEqual([{ tenantId: 't1', wabaId: WABA, outcome: 'ok', count: 1 }]);
  expect(f.graph.subscribed).toEqual([WABA]);
  expect(f.replies.templates).toEqual([
    expect.objectContaining({ wabaId: WABA, connectionId: 'c1', name: 'order_ready', parameterCount: 2 }),
  ]);
});
