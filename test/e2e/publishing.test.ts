/**
 * The calendar end to end: drafts, approvals (a person or a rule), the every-minute scheduler, the
 * publish worker and the simulator's Page feed and Instagram containers.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle } from '../support/settle';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { PUBLISH_REQUESTED } from '../../lambdas/app/topology';

const rt = withLocalRuntime();
const TENANT = 'calendar-co';
const IMAGE = { type: 'image', url: 'https://cdn.example.test/bread.jpg' };
const page = { type: 'facebook_page', id: W.bakeryPageId };
const ig = { type: 'instagram_account', id: W.instagramAccountId };

let api: ReturnType<typeof rt.api>;
beforeAll(async () => {
  await connectAndSelect(
    rt,
    TENANT,
    { pages: [W.bakeryPageId], instagramAccounts: [W.instagramAccountId] },
    { features: ['publishing'] },
  );
  api = rt.api({ token: await rt.token(TENANT, { sub: 'marketer-1' }) });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  await simJson(rt, '/_sim/publishing', {
    body: { containerPolls: 0, containerOutcome: 'FINISHED', quotaUsage: 0, quotaTotal: 100 },
  });
});

const simPosts = async () => (await simJson(rt, '/_sim/state')).json.posts as any[];
const settled = (id: string) =>
  eventually(
    async () => {
      const p = await api.get(`/api/v1/posts/${id}`);
      return ['published', 'partially_published', 'failed'].includes(p.json.status) ? p.json : undefined;
    },
    20_000,
    200,
  );

async function draft(body: Record<string, unknown>) {
  const res = await api.post('/api/v1/posts', body);
  expect(res.status).toBe(201);
  return res.json;
}

it('draft → approve → the scheduled minute → published on the Page and on Instagram, with ids and permalinks', async () => {
  // a few seconds out: still ahead after the draft and the approval, even on a busy machine
  const scheduledAt = new Date(Date.now() + 5000).toISOString();
  const post = await draft({
    message: 'Fresh sourdough at 7 #bakery',
    media: [IMAGE],
    targets: [page, ig],
    scheduledAt,
  });
  expect(post).toMatchObject({ status: 'draft', approvalReason: 'no_rules' });
  await rt.runtime.runSchedule('due-posts');
  expect((await api.get(`/api/v1/posts/${post.id}`)).json.status).toBe('draft');

  const approved = await api.post(`/api/v1/posts/${post.id}/approve`);
  // due within the scheduler's minute: queued at once, each job held until the post's own second
  expect(approved.json).toMatchObject({ status: 'publishing', approval: { by: 'user:marketer-1' } });
  expect((await simPosts()).some((p) => p.message === 'Fresh sourdough at 7 #bakery')).toBe(false);

  const done = await settled(post.id);
  expect(done.status).toBe('published');
  for (const t of done.targets)
    expect(Date.parse(t.publishedAt)).toBeGreaterThanOrEqual(Date.parse(scheduledAt) - 1000);
  for (const t of done.targets)
    expect(t).toMatchObject({
      status: 'published',
      metaId: expect.any(String),
      permalink: expect.stringMatching(/^https:\/\//),
    });
  const atMeta = await simPosts();
  expect(
    atMeta.filter(
      (p) => p.message === 'Fresh sourdough at 7 #bakery' || p.caption === 'Fresh sourdough at 7 #bakery',
    ),
  ).toHaveLength(2);
  // a target's event goes out after its state is stored and audited: the post can read as published
  // a moment before the last target's event is on the bus
  const published = () =>
    rt.runtime
      .events({ detailType: 'post.published' })
      .filter((e) => (e.envelope.detail as any).postId === post.id);
  await eventually(async () => (published().length >= 2 ? true : undefined), 20_000, 200);
  expect(published()).toHaveLength(2);
  expect(
    rt.runtime
      .events({ detailType: 'post.approved' })
      .some((e) => (e.envelope.detail as any).postId === post.id),
  ).toBe(true);
});

it('a draft that is never approved is never published; a rule-approved post publishes without a person', async () => {
  const unapproved = await draft({ message: 'Not approved', targets: [page] });
  expect(
    (
      await api.put('/api/v1/settings/approval-rules', {
        rules: [
          {
            id: 'marketer-bakery',
            actors: ['marketer-1'],
            targetIds: [W.bakeryPageId],
            description: 'bakery posts by the marketer',
          },
        ],
      })
    ).status,
  ).toBe(200);
  const ruled = await draft({ message: 'Approved by a rule', targets: [page] });
  expect(ruled).toMatchObject({
    status: 'publishing',
    approvalReason: 'rule_matched',
    approval: { ruleId: 'marketer-bakery' },
  });
  await rt.runtime.runSchedule('due-posts');
  expect((await settled(ruled.id)).status).toBe('published');
  expect((await api.get(`/api/v1/posts/${unapproved.id}`)).json.status).toBe('draft');
  expect((await simPosts()).some((p) => p.message === 'Not approved')).toBe(false);
  // another author is not covered by the rule
  const other = rt.api({ token: await rt.token(TENANT, { sub: 'intern-2' }) });
  expect((await other.post('/api/v1/posts', { message: 'Intern post', targets: [page] })).json).toMatchObject(
    { status: 'draft', approvalReason: 'no_rule_matches' },
  );
  await api.put('/api/v1/settings/approval-rules', { rules: [] });
});

it('several images become a multi-photo Page post and an Instagram carousel', async () => {
  const media = [
    IMAGE,
    { type: 'image', url: 'https://cdn.example.test/croissant.jpg' },
    { type: 'image', url: 'https://cdn.example.test/tart.jpg' },
  ];
  const post = await draft({ message: 'Three pastries', media, targets: [page, ig] });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  expect((await settled(post.id)).status).toBe('published');
  const calls = (await simJson(rt, '/_sim/calls')).json.calls as any[];
  expect(
    calls.filter((c) => c.method === 'POST' && c.path === `/${W.bakeryPageId}/photos`).length,
  ).toBeGreaterThanOrEqual(3);
  const carousel = (await simPosts()).find((p) => p.caption === 'Three pastries');
  expect(carousel.mediaType).toBe('CAROUSEL');
});

it('an Instagram container that stays IN_PROGRESS for several polls is published once it finishes', async () => {
  await simJson(rt, '/_sim/publishing', { body: { containerPolls: 3 } });
  const reel = await draft({
    message: 'Slow video',
    media: [{ type: 'video', url: 'https://cdn.example.test/v.mp4' }],
    targets: [ig],
  });
  // a carousel waits for each of its items before the carousel container is made
  const carousel = await draft({
    message: 'Slow carousel',
    media: [IMAGE, { type: 'video', url: 'https://cdn.example.test/w.mp4' }],
    targets: [ig],
  });
  await api.post(`/api/v1/posts/${reel.id}/approve`);
  await api.post(`/api/v1/posts/${carousel.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  expect((await settled(reel.id)).status).toBe('published');
  expect((await settled(carousel.id)).status).toBe('published');
  const atMeta = await simPosts();
  expect(atMeta.find((p) => p.caption === 'Slow video').mediaType).toBe('REELS');
  expect(atMeta.find((p) => p.caption === 'Slow carousel').mediaType).toBe('CAROUSEL');
  const polls = ((await simJson(rt, '/_sim/calls')).json.calls as any[]).filter(
    (c) => c.method === 'GET' && c.query?.fields === 'status_code,status',
  );
  expect(polls.length).toBeGreaterThanOrEqual(3 * 4);
});

it.each([
  ['a container that ends in ERROR', { containerOutcome: 'ERROR' }, 'media_not_processed', /2207026/],
  ['a container that EXPIRED', { containerOutcome: 'EXPIRED' }, 'media_not_processed', /expired/],
  ['the publishing limit reached', { quotaUsage: 100 }, 'publishing_limit_reached', /publishing limit/],
])('%s fails the target with the reason', async (_name, behaviour, code, words) => {
  await simJson(rt, '/_sim/publishing', { body: behaviour });
  const post = await draft({ message: `Failing ${_name}`, media: [IMAGE], targets: [ig] });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  const done = await settled(post.id);
  expect(done.status).toBe('failed');
  expect(done.targets[0]).toMatchObject({ failureReason: code, error: expect.stringMatching(words) });
  // announced after the target is marked failed: wait for the event itself
  const failed = await eventually(async () =>
    rt.runtime
      .events({ detailType: 'post.failed' })
      .find((e) => (e.envelope.detail as any).postId === post.id),
  );
  expect(failed.envelope.detail).toMatchObject({ reason: code });
});

it('a 5xx on a write is retried after reading back; on the last delivery the target fails with a reason', async () => {
  const feedFault = (times: number) =>
    simJson(rt, '/_sim/faults', {
      body: { pathPattern: `^/?${W.bakeryPageId}/feed$`, method: 'POST', status: 500, code: 2, times },
    });
  await feedFault(1);
  const recovers = await draft({ message: 'Second time lucky', targets: [page] });
  await api.post(`/api/v1/posts/${recovers.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  expect((await settled(recovers.id)).status).toBe('published');
  expect((await simPosts()).filter((p) => p.message === 'Second time lucky')).toHaveLength(1);

  await feedFault(50);
  const never = await draft({ message: 'Meta is down', targets: [page] });
  await api.post(`/api/v1/posts/${never.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  const done = await settled(never.id);
  expect(done.targets[0]).toMatchObject({ status: 'failed', failureReason: 'meta_unavailable' });
  expect(done.targets[0].error).toMatch(/Try again later/);
});

it('a publish job delivered twice posts once, at the same time or later', async () => {
  const post = await draft({ message: 'Only once please', targets: [page] });
  const job = { tenantId: TENANT, postId: post.id, targetKey: `facebook_page:${W.bakeryPageId}` };
  // approval queues one job; two duplicates race it
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await Promise.all([
    rt.runtime.deps.commands.send(PUBLISH_REQUESTED, job),
    rt.runtime.deps.commands.send(PUBLISH_REQUESTED, job),
  ]);
  expect((await settled(post.id)).status).toBe('published');
  await rt.runtime.deps.commands.send(PUBLISH_REQUESTED, job);
  await untilIdle(rt);
  expect((await simPosts()).filter((p) => p.message === 'Only once please')).toHaveLength(1);
  expect(
    rt.runtime
      .events({ detailType: 'post.published' })
      .filter((e) => (e.envelope.detail as any).postId === post.id),
  ).toHaveLength(1);
});

it('a feed call that Meta completes but whose answer is lost is not posted a second time', async () => {
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.bakeryPageId}/feed$`,
      method: 'POST',
      effect: 'timeout-after-success',
      delayMs: 50,
      times: 1,
      status: 200,
      code: 1,
    },
  });
  const post = await draft({ message: 'Answer lost on the way', targets: [page] });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  const done = await settled(post.id);
  expect(done.status).toBe('published');
  expect((await simPosts()).filter((p) => p.message === 'Answer lost on the way')).toHaveLength(1);
  // the worker looked before writing again
  const calls = (await simJson(rt, '/_sim/calls')).json.calls as any[];
  expect(calls.some((c) => c.method === 'GET' && c.path === `/${W.bakeryPageId}/feed`)).toBe(true);
  expect(done.targets[0].metaId).toEqual(expect.stringContaining(W.bakeryPageId));
});

it('a post edited after approval goes back to draft and is not published', async () => {
  const post = await draft({
    message: 'Approved text',
    targets: [page],
    scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
  });
  expect((await api.post(`/api/v1/posts/${post.id}/approve`)).json.status).toBe('scheduled');
  // beyond the scheduler's minute: not queued yet
  await rt.runtime.runSchedule('due-posts');
  expect((await api.get(`/api/v1/posts/${post.id}`)).json.status).toBe('scheduled');
  const edited = await api.patch(`/api/v1/posts/${post.id}`, { message: 'Sneaky edit' });
  expect(edited.json).toMatchObject({ status: 'draft', approval: null });
  // even a job that was already queued refuses it
  await rt.runtime.deps.commands.send(PUBLISH_REQUESTED, {
    tenantId: TENANT,
    postId: post.id,
    targetKey: `facebook_page:${W.bakeryPageId}`,
  });
  const done = await settled(post.id);
  expect(done.targets[0]).toMatchObject({
    failureReason: 'not_approved',
    error: expect.stringMatching(/not approved/),
  });
  expect((await simPosts()).some((p) => p.message === 'Sneaky edit' || p.message === 'Approved text')).toBe(
    false,
  );
});

it('a token error marks the connection expired and the post failed with a reason', async () => {
  const tenant = 'expired-calendar-co';
  const id = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] }, { features: ['publishing'] });
  const own = rt.api({ token: await rt.token(tenant) });
  const post = (
    await own.post('/api/v1/posts', {
      message: 'Token gone',
      targets: [{ type: 'facebook_page', id: W.bikesPageId }],
    })
  ).json;
  await own.post(`/api/v1/posts/${post.id}/approve`);
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.bikesPageId}/feed$`,
      method: 'POST',
      status: 400,
      code: 190,
      subcode: 460,
      times: 1,
    },
  });
  await rt.runtime.runSchedule('due-posts');
  const done = await eventually(async () => {
    const p = (await own.get(`/api/v1/posts/${post.id}`)).json;
    return p.status === 'failed' ? p : undefined;
  });
  expect(done.targets[0]).toMatchObject({
    failureReason: 'token_invalid_password_changed',
    error: expect.stringMatching(/password was changed.*Reconnect/),
  });
  expect((await own.get(`/api/v1/connections/${id}`)).json.status).toBe('expired');
});

describe('bad drafts get a problem naming the field', () => {
  it.each([
    [{ message: 'No media', targets: [ig] }, 'body.media'],
    [{ message: 'x', media: [IMAGE], link: 'https://example.test', targets: [ig] }, 'body.link'],
    [
      { message: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '), media: [IMAGE], targets: [ig] },
      'body.message',
    ],
    [{ message: 'x'.repeat(2201), media: [IMAGE], targets: [ig] }, 'body.message'],
    [{ message: 'Unselected', targets: [{ type: 'facebook_page', id: W.bikesPageId }] }, 'body.targets.0.id'],
    [{ message: 'Past', targets: [page], scheduledAt: '2020-01-01T00:00:00Z' }, 'body.scheduledAt'],
    [{ message: 'No targets', targets: [] }, 'body.targets'],
    [
      {
        message: 'Video to a Page',
        media: [{ type: 'video', url: 'https://cdn.example.test/v.mp4' }],
        targets: [page],
      },
      'body.media.0.type',
    ],
    [
      {
        message: Array.from({ length: 21 }, (_, i) => `@friend${i}`).join(' '),
        media: [IMAGE],
        targets: [ig],
      },
      'body.message',
    ],
    [{ message: 'x', media: Array.from({ length: 11 }, () => IMAGE), targets: [ig] }, 'body.media'],
    [{ message: 'x', link: 'not a url', targets: [page] }, 'body.link'],
    [{ message: 'x', targets: [{ type: 'twitter', id: '12345' }] }, 'body.targets.0.type'],
    [{ message: 'x', targets: [page], colour: 'red' }, 'body'],
    [
      {
        message: 'http media',
        media: [{ type: 'image', url: 'http://insecure.example/a.jpg' }],
        targets: [page],
      },
      'body.media.0.url',
    ],
  ])('%#', async (body, field) => {
    const res = await api.post('/api/v1/posts', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors.map((e: any) => e.field)).toContain(field);
  });

  it('an edit is checked like a draft', async () => {
    const post = await draft({ message: 'Fine for now', media: [IMAGE], targets: [ig] });
    const res = await api.patch(`/api/v1/posts/${post.id}`, { media: [] });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.field)).toContain('body.media');
    const bad = await api.patch(`/api/v1/posts/${post.id}`, { scheduledAt: 'tomorrow' });
    expect(bad.json.errors.map((e: any) => e.field)).toContain('body.scheduledAt');
  });
});
