/** The daily content sync with in-memory fakes: posts with their figures, removals, refused metrics, dead tokens. */
import { contentIdFor } from '../../../lambdas/modules/content/core/content-model';
import { syncContent } from '../../../lambdas/modules/content/core/sync-content';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { activeConnection, contentFakes, graphPost, IG, PAGE } from './fakes';

it('stores every post of a Page with its figures and a reading, read with the Page token', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.posts.set(PAGE, [
    graphPost(`${PAGE}_1`, '2026-11-18T08:00:00Z'),
    graphPost(`${PAGE}_2`, '2026-10-01T08:00:00Z'),
  ]);

  const out = await syncContent(f.deps);
  expect(out).toMatchObject({ connections: 1, assets: 1, items: 2, removed: 0, skipped: [] });
  expect(out.windows.first_sync).toBe(1);
  expect(f.graph.requests[0]![0]).toMatchObject({
    platform: 'facebook',
    assetId: PAGE,
    token: `token(ct:page:${PAGE})`,
  });
  const item = f.content.items.get(`t1|${contentIdFor('facebook', `${PAGE}_1`)}`)!;
  expect(item).toMatchObject({ type: 'photo', assetId: PAGE, text: `post ${PAGE}_1` });
  expect(item.metrics).toMatchObject({
    views: 340,
    reach: 200,
    clicks: 7,
    reactions: 12,
    comments: 3,
    shares: 1,
  });
  expect(f.content.snapshots).toHaveLength(2);
  expect(f.content.states.get(`t1|c1|${PAGE}`)).toMatchObject({
    firstSyncAt: f.now.toISOString(),
    lastRun: { outcome: 'ok', items: 2 },
  });
});

it('reads an Instagram account with its linked Page’s token', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { instagram: [{ id: IG, pageId: PAGE }] });
  f.connections.pageTokens.set(`c1|${PAGE}`, `ct:page:${PAGE}`);
  f.graph.posts.set(IG, [
    graphPost('ig_1', '2026-11-18T08:00:00Z', {
      productType: 'FEED',
      mediaType: 'IMAGE',
      insights: { views: 10 },
    }),
  ]);
  const out = await syncContent(f.deps);
  expect(out).toMatchObject({ assets: 1, items: 1 });
  expect(f.graph.requests[0]![0]).toMatchObject({ platform: 'instagram', token: `token(ct:page:${PAGE})` });
});

it('removes a stored post Meta no longer lists, once its window was read to the end', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.posts.set(PAGE, [
    graphPost(`${PAGE}_1`, '2026-11-18T08:00:00Z'),
    graphPost(`${PAGE}_2`, '2026-11-17T08:00:00Z'),
  ]);
  await syncContent(f.deps);
  f.graph.posts.set(PAGE, [graphPost(`${PAGE}_1`, '2026-11-18T08:00:00Z')]);
  // the young window is due again the next day
  const next = contentFakes(new Date('2026-11-21T10:00:00Z'));
  Object.assign(next.deps, { connections: f.connections, content: f.content, contentGraph: f.graph });
  const out = await syncContent(next.deps);
  expect(out.removed).toBe(1);
  expect(f.content.items.has(`t1|${contentIdFor('facebook', `${PAGE}_2`)}`)).toBe(false);
});

it('records a metric Meta stopped serving as unavailable and reads the rest', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.posts.set(PAGE, [graphPost(`${PAGE}_1`, '2026-11-18T08:00:00Z')]);
  f.graph.refusedMetrics.add('post_clicks');
  f.graph.refuseMetric = (m) =>
    new MetaGraphError(400, { message: `(#100) The value must be a valid insights metric: ${m}`, code: 100 });
  const out = await syncContent(f.deps);
  expect(out.unavailable).toEqual([{ assetId: PAGE, metric: 'post_clicks' }]);
  expect(out).toMatchObject({ items: 1, skipped: [] });
  expect(await f.content.listUnavailable('t1', PAGE)).toEqual(['post_clicks']);
});

it('a token Meta refuses stops the connection’s assets with the reason and expires it', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection(), { pages: [PAGE] });
  f.graph.failWith = new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 });
  const out = await syncContent(f.deps);
  expect(out.skipped).toEqual([{ assetId: PAGE, reason: expect.stringMatching(/^token_invalid_/) }]);
  expect(f.connections.markedInvalid).toEqual([
    expect.objectContaining({ connectionId: 'c1', actor: 'system:content-sync' }),
  ]);
  expect(f.content.states.get(`t1|c1|${PAGE}`)?.firstSyncAt).toBeUndefined();
});

it('leaves out connections without insights, reports a missing Page token, and stops at its deadline', async () => {
  const f = contentFakes();
  f.connections.add(activeConnection({ features: ['inbox'] }), { pages: ['111111111111'] });
  f.connections.add(activeConnection({ tenantId: 't2', connectionId: 'c2' }), { pages: [PAGE] });
  f.connections.pageTokens.clear();
  const out = await syncContent(f.deps);
  expect(out).toMatchObject({ connections: 1, skipped: [{ assetId: PAGE, reason: 'page_token_missing' }] });
  expect(f.graph.requests).toEqual([]);

  const late = await syncContent(f.deps, { deadline: new Date(f.now.getTime() - 1) });
  expect(late).toMatchObject({ connections: 0, skipped: [{ assetId: PAGE, reason: 'time_budget_spent' }] });
});
