/**
 * The calendar end to end: drafts, approvals (a person or a rule), the every-minute scheduler, the
 * publish worker and the simulator's Page feed and Instagram containers.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { PUBLISH_REQUESTED } from '../../lambdas/handlers/common/topology';

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
  const scheduledAt = new Date(Date.now() + 2500).toISOString();
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
  expect(approved.json).toMatchObject({ status: 'scheduled', approval: { by: 'user:marketer-1' } });
  // the scheduler looks a minute ahead and holds each job until the post's own second
  await rt.runtime.runSchedule('due-posts');
  expect((await api.get(`/api/v1/posts/${post.id}`)).json.status).toBe('publishing');
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
  expect(
    rt.runtime
      .events({ detailType: 'post.published' })
      .filter((e) => (e.envelope.detail as any).postId === post.id),
  ).toHaveLength(2);
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
    status: 'approved',
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
  const post = await draft({
    message: 'Slow video',
    media: [{ type: 'video', url: 'https://cdn.example.test/v.mp4' }],
    targets: [ig],
  });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  expect((await settled(post.id)).status).toBe('published');
});

it.each([
  ['a container that ends in ERROR', { containerOutcome: 'ERROR' }, /Instagram could not process the media/],
  ['the publishing limit reached', { quotaUsage: 100 }, /publishing limit/],
])('%s fails the target with the reason', async (_name, behaviour, reason) => {
  await simJson(rt, '/_sim/publishing', { body: behaviour });
  const post = await draft({ message: `Failing ${_name}`, media: [IMAGE], targets: [ig] });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  const done = await settled(post.id);
  expect(done.status).toBe('failed');
  expect(done.targets[0].error).toMatch(reason);
  expect(
    rt.runtime
      .events({ detailType: 'post.failed' })
      .some((e) => (e.envelope.detail as any).postId === post.id),
  ).toBe(true);
});

it('a publish job delivered twice posts once', async () => {
  const post = await draft({ message: 'Only once please', targets: [page] });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  await rt.runtime.runSchedule('due-posts');
  await settled(post.id);
  const job = { tenantId: TENANT, postId: post.id, targetKey: `facebook_page:${W.bakeryPageId}` };
  await rt.runtime.deps.commands.send(PUBLISH_REQUESTED, job);
  await rt.runtime.deps.commands.send(PUBLISH_REQUESTED, job);
  await new Promise((r) => setTimeout(r, 1500));
  expect((await simPosts()).filter((p) => p.message === 'Only once please')).toHaveLength(1);
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
    scheduledAt: new Date(Date.now() + 60_000).toISOString(),
  });
  await api.post(`/api/v1/posts/${post.id}/approve`);
  const edited = await api.patch(`/api/v1/posts/${post.id}`, { message: 'Sneaky edit' });
  expect(edited.json).toMatchObject({ status: 'draft', approval: null });
  // even a job that was already queued refuses it
  await rt.runtime.deps.commands.send(PUBLISH_REQUESTED, {
    tenantId: TENANT,
    postId: post.id,
    targetKey: `facebook_page:${W.bakeryPageId}`,
  });
  const done = await settled(post.id);
  expect(done.targets[0].error).toBe('not_approved');
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
  expect(done.targets[0].error).toBe('token_invalid_password_changed');
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
});
