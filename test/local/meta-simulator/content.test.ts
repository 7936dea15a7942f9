/**
 * The simulator's content surface: a Page's published posts and an Instagram account's media made
 * outside the service, paged at most 100 at a time and cut by `since`/`until`, each with its figures by
 * field expansion, figures that grow as the post ages, removed metrics refused like Meta refuses them, and
 * batch requests where every request is checked against its own endpoint's contract.
 */
import { DEFAULT_WORLD_IDS as W, type MetaSimulator } from '../../../local/meta-simulator';
import {
  APP_SECRET,
  connectUser,
  control,
  graph,
  pageToken,
  type Json,
  useSimulator,
} from './sim-test-helpers';
import { appSecretProof } from '../../../local/meta-simulator';

let sim: MetaSimulator;
let user: string;
let page: string;
const SCOPES =
  'pages_show_list,pages_read_engagement,read_insights,instagram_basic,instagram_manage_insights';
const POST_FIELDS =
  'id,created_time,message,permalink_url,status_type,full_picture,shares,' +
  'reactions.limit(0).summary(total_count),comments.limit(0).summary(total_count),' +
  'insights.metric(post_media_view,post_total_media_view_unique,post_clicks,post_reactions_by_type_total)';

useSimulator(5, (started) => (sim = started));
beforeEach(async () => {
  user = (await connectUser(sim, { scope: SCOPES })).longToken;
  page = await pageToken(sim, user, W.bakeryPageId);
});

const insight = (post: Json, name: string) =>
  post.insights.data.find((m: Json) => m.name === name)?.values[0].value;

it('lists the Page posts made outside the service, 100 at a time, with their figures', async () => {
  const made = await control(sim, 'POST', 'content', {
    pageId: W.bakeryPageId,
    count: 150,
    spreadDays: 30,
    ageSeconds: 3600,
  });
  expect(made.body.ids).toHaveLength(150);
  const first = await graph(sim, 'GET', `${W.bakeryPageId}/published_posts`, {
    token: page,
    query: { fields: POST_FIELDS, limit: '500' },
  });
  expect(first.status).toBe(200);
  expect(first.body.data).toHaveLength(100);
  const post = first.body.data[0];
  expect(post).toMatchObject({
    id: made.body.ids[0],
    status_type: 'mobile_status_update',
    reactions: { data: [], summary: { total_count: expect.any(Number) } },
    comments: { data: [], summary: { total_count: expect.any(Number) } },
  });
  expect(insight(post, 'post_media_view')).toBeGreaterThan(0);
  expect(insight(post, 'post_reactions_by_type_total')).toHaveProperty('like');
  const second = await graph(sim, 'GET', `${W.bakeryPageId}/published_posts`, {
    token: page,
    query: { fields: 'id', limit: '100', after: first.body.paging.cursors.after },
  });
  expect(second.body.data).toHaveLength(50);
  expect(second.body.paging.next).toBeUndefined();

  // since/until in Unix seconds cut the list by creation time
  const now = Math.floor(Date.now() / 1000);
  const lastWeek = await graph(sim, 'GET', `${W.bakeryPageId}/published_posts`, {
    token: page,
    query: { fields: 'id,created_time', limit: '100', since: String(now - 7 * 86_400) },
  });
  expect(lastWeek.body.data.length).toBeGreaterThan(30);
  expect(lastWeek.body.data.length).toBeLessThan(45);
});

it('figures grow as the post ages; a fresh post has none yet rather than zero', async () => {
  const { body } = await control(sim, 'POST', 'content', { igAccountId: W.instagramAccountId });
  const read = async () =>
    (
      await graph(sim, 'GET', `${W.instagramAccountId}/media`, {
        token: page,
        query: { fields: 'id,insights.metric(views,reach,likes,comments,shares,saved,total_interactions)' },
      })
    ).body.data.find((m: Json) => m.id === body.ids[0]);
  expect((await read()).insights.data).toEqual([]);
  await control(sim, 'POST', 'clock', { advanceSeconds: 6 * 3600 });
  const early = insight(await read(), 'views');
  await control(sim, 'POST', 'clock', { advanceSeconds: 3 * 86_400 });
  const later = insight(await read(), 'views');
  expect(early).toBeGreaterThan(0);
  expect(later).toBeGreaterThan(early);
});

it('a removed metric fails the whole call with the invalid-metric error', async () => {
  await control(sim, 'POST', 'content', { pageId: W.bakeryPageId, ageSeconds: 86_400 });
  const res = await graph(sim, 'GET', `${W.bakeryPageId}/published_posts`, {
    token: page,
    query: { fields: 'id,insights.metric(post_impressions,post_media_view)' },
  });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 100, message: expect.stringMatching(/post_impressions/) });
  const ig = await graph(sim, 'GET', `${W.instagramAccountId}/media`, {
    token: page,
    query: { fields: 'id,insights.metric(plays)' },
  });
  expect(ig.status).toBe(200); // no media yet: nothing to refuse
});

describe('batch requests', () => {
  const batch = (requests: unknown[], token = page) =>
    graph(sim, 'POST', '', { token, form: { batch: JSON.stringify(requests), include_headers: 'true' } });

  it('answers each request on its own, in order, with its own token, and counts each as a call', async () => {
    await control(sim, 'POST', 'content', { pageId: W.bakeryPageId, count: 3, ageSeconds: 3600 });
    await control(sim, 'DELETE', 'calls');
    const res = await batch([
      { method: 'GET', relative_url: `${W.bakeryPageId}/published_posts?fields=id&limit=2` },
      { method: 'GET', relative_url: `${W.bakeryPageId}/nonsense_edge` },
      {
        method: 'GET',
        relative_url: `${W.bakeryPageId}/published_posts?fields=id&access_token=${page}&appsecret_proof=${appSecretProof(page, APP_SECRET)}`,
      },
      { method: 'GET', relative_url: `${W.bakeryPageId}/published_posts?fields=id&access_token=${page}` },
    ]);
    expect(res.status).toBe(200);
    const [a, b, c, d] = res.body as Json[];
    expect(a.code).toBe(200);
    expect(JSON.parse(a.body).data).toHaveLength(2);
    expect(a.headers.map((h: Json) => h.name)).toContain('x-app-usage');
    expect(b.code).toBe(400);
    expect(JSON.parse(b.body).error.code).toBe(100);
    expect(c.code).toBe(200);
    // a request's own token needs its own proof, as a call alone would
    expect(JSON.parse(d.body).error.message).toMatch(/appsecret_proof/);
    const calls = (await control(sim, 'GET', 'calls')).body.calls as Json[];
    expect(calls.map((x) => x.contract)).toEqual([
      'graph.batch',
      'pages.published_posts',
      null,
      'pages.published_posts',
      'pages.published_posts',
    ]);
  });

  it('checks each request against its own contract and refuses more than 50', async () => {
    const bad = await batch([{ method: 'GET', relative_url: `${W.bakeryPageId}/insights?period=day` }]);
    expect(JSON.parse((bad.body as Json[])[0].body).error.message).toMatch(/metric is required/);
    const tooMany = await batch(
      Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: `${W.bakeryPageId}?fields=id` })),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/Maximum batch size is 50/);
    const notAList = await graph(sim, 'POST', '', { token: page, form: { batch: '{"a":1}' } });
    expect(notAList.body.error.code).toBe(100);
  });

  it('a request that does not finish in time comes back null', async () => {
    await control(sim, 'POST', 'faults', {
      pathPattern: `/${W.bakeryPageId}/published_posts`,
      effect: 'timeout-after-success',
      times: 1,
    });
    const res = await batch([
      { method: 'GET', relative_url: `${W.bakeryPageId}/published_posts?fields=id` },
      { method: 'GET', relative_url: `${W.bakeryPageId}/published_posts?fields=id` },
    ]);
    expect((res.body as Json[])[0]).toBeNull();
    expect((res.body as Json[])[1].code).toBe(200);
  });
});
