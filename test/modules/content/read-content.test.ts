/** Reading synced content with in-memory fakes: sorting by a figure, refusals with reasons, calendar links. */
import { contentIdFor } from '../../../lambdas/modules/content/core/content-model';
import {
  contentOfTargets,
  getContent,
  listContent,
} from '../../../lambdas/modules/content/core/read-content';
import { syncContent } from '../../../lambdas/modules/content/core/sync-content';
import { activeConnection, contentFakes, graphPost, PAGE } from './fakes';

async function synced() {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.posts.set(PAGE, [
    graphPost(`${PAGE}_1`, '2026-11-18T08:00:00Z', { insights: { post_media_view: 100 } }),
    graphPost(`${PAGE}_2`, '2026-11-17T08:00:00Z', { insights: { post_media_view: 900 } }),
    graphPost(`${PAGE}_3`, '2026-11-16T08:00:00Z', { insights: {} }),
  ]);
  await syncContent(f.deps);
  return { f, read: { content: f.content, apiPrefix: '/api/v1' } };
}

it('lists newest first, or by a figure highest first with those without one last, a page at a time', async () => {
  const { read } = await synced();
  const newest = await listContent(read, 't1', { limit: 10 });
  expect(newest.items.map((i) => i.metaId)).toEqual([`${PAGE}_1`, `${PAGE}_2`, `${PAGE}_3`]);

  const first = await listContent(read, 't1', { sort: 'views', limit: 2 });
  expect(first.items.map((i) => i.metaId)).toEqual([`${PAGE}_2`, `${PAGE}_1`]);
  const rest = await listContent(read, 't1', { sort: 'views', limit: 2, cursor: first.nextCursor! });
  expect(rest).toMatchObject({ items: [expect.objectContaining({ metaId: `${PAGE}_3` })], nextCursor: null });
});

it('refuses a sort by a figure that is not kept, and a cursor it did not issue, naming the field', async () => {
  const { read } = await synced();
  await expect(listContent(read, 't1', { sort: 'bogus', limit: 5 })).rejects.toMatchObject({
    reason: 'unknown_metric',
    issues: [expect.objectContaining({ field: 'query.sort' })],
  });
  await expect(listContent(read, 't1', { sort: 'views', limit: 5, cursor: 'nope' })).rejects.toMatchObject({
    reason: 'invalid_cursor',
  });
});

it('one item with its daily readings, and the calendar’s targets linked to what was synced', async () => {
  const { read } = await synced();
  const id = contentIdFor('facebook', `${PAGE}_1`);
  const item = await getContent(read, 't1', id);
  expect(item).toMatchObject({ id, metaId: `${PAGE}_1` });
  expect(item.history).toEqual([expect.objectContaining({ date: '2026-11-20' })]);
  await expect(getContent(read, 'other', id)).rejects.toMatchObject({ kind: 'not_found' });

  expect(
    await contentOfTargets(read, 't1', [
      { type: 'facebook_page', metaId: `${PAGE}_1` },
      { type: 'facebook_page', metaId: 'not_synced' },
      { type: 'instagram_account', metaId: null },
    ]),
  ).toEqual([{ id, href: `/api/v1/content/${id}` }, null, null]);
});
