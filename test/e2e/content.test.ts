/**
 * Content sync through the local runtime and the simulator: posts and media published outside the
 * service show up with their figures, a new Page post arrives by its `feed` webhook, a metric Meta stops
 * serving is reported unavailable (never 0), a calendar post links to its figures, the figures grow on
 * refresh with a few Graph calls for all posts, and the export, another tenant and a disconnect see
 * exactly what they should.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { leftovers, scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { syncContent } from '../../lambdas/modules/content/core/sync-content';
import { contentSyncFromRuntime } from '../../lambdas/modules/content/wiring/sync';

const rt = withLocalRuntime();
const T = 'content-co';
const page = { type: 'facebook_page', id: W.bakeryPageId };
let api: ReturnType<typeof rt.api>;
let connectionId: string;

const calls = async () => (await simJson(rt, '/_sim/calls')).json.calls as any[];
const byMeta = async (metaId: string, query = '') => {
  const res = await api.get(`/api/v1/content?limit=100${query}`);
  expect(res.status).toBe(200);
  return (res.json.items as any[]).find((i) => i.metaId === metaId);
};

beforeAll(async () => {
  connectionId = await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], instagramAccounts: [W.instagramAccountId] },
    { features: ['insights', 'publishing'] },
  );
  api = rt.api({ token: await rt.token(T, { sub: 'analyst-1' }) });
});
afterEach(async () => {
  await simJson(rt, '/_sim/insights', { body: { retiredMetrics: [] } });
});

it('a post published outside the service shows up with its figures, all posts read in one batch', async () => {
  const fb = await simJson(rt, '/_sim/content', {
    body: { pageId: W.bakeryPageId, count: 3, spreadDays: 10, ageSeconds: 86_400, type: 'photo' },
  });
  const ig = await simJson(rt, '/_sim/content', {
    body: { igAccountId: W.instagramAccountId, count: 2, ageSeconds: 5 * 3600, type: 'REELS' },
  });
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  await rt.runtime.runSchedule('content-sync');

  const post = await byMeta(fb.json.ids[0], `&assetId=${W.bakeryPageId}`);
  expect(post).toMatchObject({
    platform: 'facebook',
    type: 'photo',
    publishedBy: 'outside',
    calendar: null,
    permalink: expect.stringContaining('facebook.com'),
    text: expect.stringContaining('outside the service'),
    mediaUrl: expect.stringMatching(/^https:/),
  });
  for (const m of ['views', 'reach', 'clicks', 'reactions', 'reactions_like', 'comments', 'shares'])
    expect(post.metrics[m]).toEqual({ value: expect.any(Number), available: true });
  expect(post.metrics.views.value).toBeGreaterThan(0);
  // Meta's removed metrics are named, with when and what replaced them, never as 0
  expect(post.metrics.post_impressions).toEqual({
    value: null,
    available: false,
    reason: 'metric_removed_by_meta',
    removedOn: '2025-11-15',
    replacement: 'views',
  });
  const reel = await byMeta(ig.json.ids[0], '&type=reel');
  expect(reel.metrics.saves).toEqual({ value: expect.any(Number), available: true });
  expect(reel.metrics.impressions).toMatchObject({ available: false, replacement: 'views' });

  // one Graph request carried the lists of both assets, each with its own Page token
  const log = await calls();
  expect(log.filter((c) => c.contract === 'graph.batch')).toHaveLength(1);
  expect(log.map((c) => c.contract).sort()).toEqual(
    ['graph.batch', 'instagram.media', 'pages.published_posts'].sort(),
  );

  // the item with the history of its figures
  const one = await api.get(`/api/v1/content/${post.id}`);
  expect(one.status).toBe(200);
  expect(one.json.history).toEqual([
    {
      date: expect.any(String),
      at: expect.any(String),
      values: expect.objectContaining({ views: post.metrics.views.value }),
    },
  ]);

  // sorted by a figure, highest first; a removed one is refused naming its replacement
  const sorted = (await api.get(`/api/v1/content?sort=views&assetId=${W.bakeryPageId}`)).json.items as any[];
  const views = sorted.map((i) => i.metrics.views.value);
  expect(views).toEqual([...views].sort((a, b) => b - a));
  const removed = await api.get('/api/v1/content?sort=post_impressions');
  expect(removed.status).toBe(400);
  expect(removed.json).toMatchObject({
    reason: 'metric_removed_by_meta',
    detail: expect.stringMatching(/views/),
  });
  for (const bad of ['limit=500', 'since=yesterday', 'type=podcast', 'assetId=abc', 'nonsense=1'])
    expect((await api.get(`/api/v1/content?${bad}`)).status).toBe(400);

  // cursor paging, in each order, visits every item once
  for (const order of ['publishedAt', 'views']) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/v1/content?assetId=${W.bakeryPageId}&sort=${order}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await api.get(q)).json;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i: any) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(sorted.map((i) => i.id).sort());
  }
  // another tenant's cursor is refused, not followed
  const first = (await api.get(`/api/v1/content?assetId=${W.bakeryPageId}&limit=1`)).json.nextCursor;
  const stranger = rt.api({ token: await rt.token('content-stranger-co') });
  expect((await stranger.get(`/api/v1/content?cursor=${encodeURIComponent(first)}`)).status).toBe(400);
});

it('a new Page post arrives by its feed webhook; the next sync adds its figures', async () => {
  const made = await simJson(rt, '/_sim/content', {
    body: { pageId: W.bakeryPageId, message: 'Croissants are back', deliver: true, ageSeconds: 1200 },
  });
  // insights subscribes the Page to `feed`
  expect(made.json).toMatchObject({ pageSubscribed: true, delivered: [200] });
  const item = await eventually(() => byMeta(made.json.ids[0]), 15_000);
  expect(item).toMatchObject({
    text: 'Croissants are back',
    type: 'status',
    metricsAt: null,
    permalink: null,
  });
  await rt.runtime.runSchedule('content-sync');
  const synced = await byMeta(made.json.ids[0]);
  expect(synced.permalink).toMatch(/facebook\.com/);
  expect(synced.metrics.views.value).toBeGreaterThan(0);
});

it('a media removed at Meta (Instagram sends no webhook for it) leaves the content at the next sync', async () => {
  const made = await simJson(rt, '/_sim/content', {
    body: { igAccountId: W.instagramAccountId, count: 2, ageSeconds: 3 * 86_400 },
  });
  await rt.runtime.runSchedule('content-sync');
  const [gone, kept] = made.json.ids as string[];
  const removed = await byMeta(gone!);
  expect(removed).toBeDefined();
  expect((await simJson(rt, `/_sim/content/${gone}`, { method: 'DELETE' })).status).toBe(200);
  await rt.runtime.runSchedule('content-sync');
  expect(await byMeta(gone!)).toBeUndefined();
  expect((await api.get(`/api/v1/content/${removed.id}`)).status).toBe(404);
  expect(await byMeta(kept!)).toBeDefined();
});

it('a metric Meta stops serving is reported unavailable, never as zero', async () => {
  await simJson(rt, '/_sim/insights', { body: { retiredMetrics: ['post_clicks'] } });
  await rt.runtime.runSchedule('content-sync');
  const posts = ((await api.get(`/api/v1/content?assetId=${W.bakeryPageId}`)).json.items as any[]).filter(
    (p) => p.metricsAt,
  );
  expect(posts.length).toBeGreaterThan(0);
  for (const p of posts) {
    expect(p.metrics.clicks).toEqual({ value: null, available: false, reason: 'metric_not_served_by_meta' });
    expect(p.metrics.views.available).toBe(true);
  }
  // the Instagram account's figures are untouched
  const media = (await api.get(`/api/v1/content?assetId=${W.instagramAccountId}`)).json.items as any[];
  expect(media.every((m) => m.metrics.views.available)).toBe(true);
  // and the metric is not asked for again
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  await rt.runtime.runSchedule('content-sync');
  const asked = (await calls()).filter((c) => c.contract === 'pages.published_posts');
  expect(asked.length).toBeGreaterThan(0);
  expect(JSON.stringify(asked)).not.toMatch(/post_clicks/);
});

it('a calendar post links to its content and figures, both ways', async () => {
  const draft = await api.post('/api/v1/posts', {
    message: 'Sourdough Saturday',
    targets: [page],
    scheduledAt: new Date(Date.now() + 3000).toISOString(),
  });
  expect(draft.status).toBe(201);
  await api.post(`/api/v1/posts/${draft.json.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  const linked = await eventually(
    async () => {
      const p = await api.get(`/api/v1/posts/${draft.json.id}`);
      return p.json.targets[0].content ? p.json : undefined;
    },
    20_000,
    200,
  );
  const target = linked.targets[0];
  expect(target).toMatchObject({ status: 'published', content: { id: expect.stringMatching(/^cnt_/) } });
  const content = await api.get(target.content.href.replace(/^\/api\/v1/, '/api/v1'));
  expect(content.json).toMatchObject({
    metaId: target.metaId,
    publishedBy: 'this_service',
    calendar: { postId: draft.json.id, target: `facebook_page:${W.bakeryPageId}` },
    text: 'Sourdough Saturday',
  });
  // the sync keeps the link while it reads the figures (a post minutes old has none yet: null, not 0)
  await rt.runtime.runSchedule('content-sync');
  const synced = await api.get(`/api/v1/content/${target.content.id}`);
  expect(synced.json.calendar.postId).toBe(draft.json.id);
  expect(synced.json.metricsAt).not.toBeNull();
  expect(synced.json.metrics.views).toEqual({ value: null, available: true });
}, 40_000);

it('a run past its time budget leaves the connections it did not start for the next run', async () => {
  const late = await syncContent(contentSyncFromRuntime(rt.runtime.deps), {
    tenantId: T,
    deadline: new Date(Date.now() - 1000),
  });
  expect(late).toMatchObject({ connections: 0, graphRequests: 0 });
  expect(late.skipped.map((s) => s.reason)).toEqual(['time_budget_spent', 'time_budget_spent']);
  const next = await syncContent(contentSyncFromRuntime(rt.runtime.deps), {
    tenantId: T,
    deadline: new Date(Date.now() + 60_000),
  });
  expect(next).toMatchObject({ connections: 1, skipped: [] });
});

it("the tenant's content retention decides what is kept and for how long", async () => {
  const put = (contentDays?: number) =>
    api.put('/api/v1/settings/retention', {
      messagesDays: 90,
      leadsDays: 395,
      keepLeadsAfterDisconnect: false,
      ...(contentDays ? { contentDays } : {}),
    });
  expect((await put(30)).status).toBe(200);
  try {
    const old = await simJson(rt, '/_sim/content', {
      body: { pageId: W.bakeryPageId, ageSeconds: 40 * 86_400 },
    });
    const recent = await simJson(rt, '/_sim/content', {
      body: { pageId: W.bakeryPageId, ageSeconds: 86_400 },
    });
    await rt.runtime.runSchedule('content-sync');
    expect(await byMeta(old.json.ids[0])).toBeUndefined();
    const kept = await byMeta(recent.json.ids[0]);
    const items = await scanAll(rt);
    const stored = items.find((i) => i.pk === `T#${T}` && i.sk === `CNT#${kept.id}`)!;
    expect(stored.expiresAt).toBe(Math.floor(Date.parse(kept.publishedAt) / 1000) + 30 * 86_400);
    const reading = items.find((i) => i.pk === `T#${T}` && String(i.sk).startsWith(`CNTH#${kept.id}#`))!;
    expect(reading.expiresAt).toBe(stored.expiresAt);
  } finally {
    await put();
  }
});

it('the export holds the content; another tenant sees none of it; a disconnect purges all of it', async () => {
  const mine = (await api.get('/api/v1/content?limit=100')).json.items as any[];
  expect(mine.length).toBeGreaterThan(5);

  const other = rt.api({ token: await rt.token('someone-else') });
  expect((await other.get('/api/v1/content')).json.items).toEqual([]);
  expect((await other.get(`/api/v1/content/${mine[0].id}`)).status).toBe(404);
  expect((await other.get(`/api/v1/content?sort=views`)).json.items).toEqual([]);

  const exp = await api.post('/api/v1/exports');
  const done = await eventually(async () => {
    const r = await api.get(`/api/v1/exports/${exp.json.id}`);
    return r.json.status === 'completed' ? r.json : undefined;
  }, 20_000);
  const lines = (await (await fetch(done.downloadUrl)).text())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.filter((l) => l.kind === 'content').map((l) => l.id)).toEqual(
    expect.arrayContaining(mine.map((i) => i.id)),
  );
  expect(lines.map((l) => l.kind)).toEqual(expect.arrayContaining(['content-metrics', 'content-link']));

  expect((await api.delete(`/api/v1/connections/${connectionId}`)).status).toBe(202);
  await eventually(
    async () => ((await leftovers(rt, connectionId)).length === 0 ? true : undefined),
    30_000,
    250,
  );
  expect((await api.get('/api/v1/content?limit=100')).json.items).toEqual([]);
  expect((await api.get(`/api/v1/content/${mine[0].id}`)).status).toBe(404);
}, 60_000);
