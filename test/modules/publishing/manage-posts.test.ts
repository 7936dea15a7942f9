/** The calendar with in-memory fakes: drafts, rules, approvals bound to content, edits and rejections. */
import {
  APPROVAL_RULES_KEY,
  approvePost,
  createPost,
  deletePost,
  getPost,
  listPosts,
  rejectPost,
  updatePost,
} from '../../../lambdas/modules/publishing/core/manage-posts';
import { PublishRequested } from '../../../lambdas/modules/publishing/contracts';
import { activeConnection, IG, PAGE, publishingFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');
const page = { type: 'facebook_page' as const, id: PAGE };
const ig = { type: 'instagram_account' as const, id: IG };
const IMAGE = { type: 'image' as const, url: 'https://cdn.example.test/bread.jpg' };
const inAnHour = new Date(NOW.getTime() + 3_600_000).toISOString();

function setup(opts: { delayedJobs?: boolean } = {}) {
  const f = publishingFakes({ now: NOW, ...opts });
  f.connections.add(activeConnection());
  return f;
}

describe('createPost', () => {
  it('stores a draft with a pending state per target, audited, and says no rule approved it', async () => {
    const f = setup();
    const post = await createPost(
      f.deps,
      't1',
      { message: 'Fresh bread', media: [IMAGE], targets: [page, ig], scheduledAt: inAnHour },
      'user:ana',
    );
    expect(post).toMatchObject({ status: 'draft', approvalReason: 'no_rules', approval: null });
    expect(f.posts.posts.get(`t1|${post.id}`)!.targetStates).toEqual({
      [`facebook_page:${PAGE}`]: { connectionId: 'c1', status: 'pending' },
      [`instagram_account:${IG}`]: { connectionId: 'c1', status: 'pending' },
    });
    expect(f.audit.map((a) => [a.action, a.actor])).toEqual([['post.create', 'user:ana']]);
    expect(f.events).toEqual([]);
    expect(f.commands).toEqual([]);
  });

  it('refuses a target that no active connection selected, and a draft Meta would refuse, naming each field', async () => {
    const f = setup();
    f.connections.add(
      activeConnection({
        connectionId: 'c2',
        status: 'expired',
        selection: { pages: ['999999'], instagramAccounts: [] },
      }),
    );
    const err = createPost(
      f.deps,
      't1',
      { message: 'A caption', media: [], targets: [{ type: 'facebook_page', id: '999999' }, ig] },
      'user:ana',
    );
    await expect(err).rejects.toMatchObject({
      kind: 'validation',
      reason: 'invalid_post',
      issues: expect.arrayContaining([
        { field: 'body.media', message: 'Instagram posts need an image or a video' },
        {
          field: 'body.targets.0.id',
          message: '999999 is not a selected facebook_page of an active connection',
        },
      ]),
    });
    expect(f.posts.posts.size).toBe(0);
  });

  it('a matching tenant rule approves it at once; due now, its jobs are queued and the post is publishing', async () => {
    const f = setup();
    f.settings.set(`t1|${APPROVAL_RULES_KEY}`, {
      rules: [{ id: 'bakery', actors: ['ana'], targetIds: [PAGE], description: '' }],
    });
    const post = await createPost(f.deps, 't1', { message: 'Now', media: [], targets: [page] }, 'user:ana');
    expect(post).toMatchObject({
      status: 'publishing',
      approvalReason: 'rule_matched',
      approval: { by: 'rule:bakery', ruleId: 'bakery' },
    });
    expect(f.audit.at(-1)).toMatchObject({ action: 'post.approve', reason: 'rule:bakery' });
    expect(f.metrics.total('approvals', { Subject: 'post', By: 'rule' })).toBe(1);
    expect(f.events.map((e) => e.type)).toEqual(['post.approved']);
    expect(f.commands).toEqual([
      {
        detailType: PublishRequested.detailType,
        detail: { tenantId: 't1', postId: post.id, targetKey: `facebook_page:${PAGE}` },
      },
    ]);
  });

  it('a rule for another author or other targets leaves the post a draft, and says why', async () => {
    const f = setup();
    f.settings.set(`t1|${APPROVAL_RULES_KEY}`, {
      rules: [{ id: 'bakery', actors: ['ana'], targetIds: [PAGE], description: '' }],
    });
    const other = await createPost(f.deps, 't1', { message: 'x', media: [], targets: [page] }, 'user:bob');
    expect(other).toMatchObject({ status: 'draft', approvalReason: 'no_rule_matches' });
    const both = await createPost(
      f.deps,
      't1',
      { message: 'x', media: [IMAGE], targets: [page, ig] },
      'user:ana',
    );
    expect(both).toMatchObject({ status: 'draft', approvalReason: 'no_rule_matches' });
    expect(f.commands).toEqual([]);
  });
});

describe('approvePost', () => {
  it('a post scheduled beyond the next minute waits as scheduled: nothing is queued yet', async () => {
    const f = setup();
    const draft = await createPost(
      f.deps,
      't1',
      { message: 'Later', media: [], targets: [page], scheduledAt: inAnHour },
      'user:ana',
    );
    const approved = await approvePost(f.deps, 't1', draft.id, 'user:boss');
    expect(approved).toMatchObject({ status: 'scheduled', approval: { by: 'user:boss', ruleId: null } });
    expect(f.metrics.total('approvals', { Subject: 'post', By: 'person' })).toBe(1);
    expect(f.audit.at(-1)).toMatchObject({ action: 'post.approve', reason: 'person' });
    expect(f.commands).toEqual([]);
    expect(f.posts.due.has(`t1|${draft.id}`)).toBe(true);
  });

  it('inside the minute, with the publish queue at hand, each job is held until the post’s own second', async () => {
    const f = setup({ delayedJobs: true });
    const at = new Date(NOW.getTime() + 30_000).toISOString();
    const draft = await createPost(
      f.deps,
      't1',
      { message: 'Soon', media: [IMAGE], targets: [page, ig], scheduledAt: at },
      'user:ana',
    );
    expect((await approvePost(f.deps, 't1', draft.id, 'user:boss')).status).toBe('publishing');
    expect(f.delayed.sent.map((s) => [s.detail.targetKey, s.delaySeconds])).toEqual([
      [`facebook_page:${PAGE}`, 30],
      [`instagram_account:${IG}`, 30],
    ]);
    expect(f.commands).toEqual([]);
  });

  it('only a draft or a rejected post can be approved', async () => {
    const f = setup();
    const draft = await createPost(f.deps, 't1', { message: 'x', media: [], targets: [page] }, 'user:ana');
    await approvePost(f.deps, 't1', draft.id, 'user:boss');
    await expect(approvePost(f.deps, 't1', draft.id, 'user:boss')).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'post_publishing',
    });
  });
});

describe('updatePost, rejectPost, deletePost', () => {
  it('an edit withdraws the approval: the post is a draft again and leaves the due list', async () => {
    const f = setup();
    const draft = await createPost(
      f.deps,
      't1',
      { message: 'Old', media: [], targets: [page], scheduledAt: inAnHour },
      'user:ana',
    );
    await approvePost(f.deps, 't1', draft.id, 'user:boss');
    const edited = await updatePost(
      f.deps,
      't1',
      draft.id,
      { message: 'New', scheduledAt: null },
      'user:ana',
    );
    expect(edited).toMatchObject({ status: 'draft', approval: null, message: 'New', scheduledAt: null });
    expect(f.audit.at(-1)).toMatchObject({ action: 'post.edit', reason: 'approval_withdrawn' });
    expect(f.posts.due.has(`t1|${draft.id}`)).toBe(false);
  });

  it('a post that is publishing or published can neither change nor be deleted', async () => {
    const f = setup();
    const draft = await createPost(f.deps, 't1', { message: 'x', media: [], targets: [page] }, 'user:ana');
    await approvePost(f.deps, 't1', draft.id, 'user:boss');
    await f.posts.setStatus('t1', draft.id, 'published');
    await expect(updatePost(f.deps, 't1', draft.id, { message: 'y' }, 'user:ana')).rejects.toMatchObject({
      kind: 'conflict',
      reason: 'post_published',
    });
    await expect(deletePost(f.deps, 't1', draft.id, 'user:ana')).rejects.toMatchObject({
      reason: 'post_published',
    });
    await expect(rejectPost(f.deps, 't1', draft.id, 'user:ana')).rejects.toMatchObject({
      reason: 'post_published',
    });
  });

  it('a rejection drops the approval; a deleted post is gone and audited', async () => {
    const f = setup();
    const draft = await createPost(
      f.deps,
      't1',
      { message: 'x', media: [], targets: [page], scheduledAt: inAnHour },
      'user:ana',
    );
    await approvePost(f.deps, 't1', draft.id, 'user:boss');
    expect(await rejectPost(f.deps, 't1', draft.id, 'user:boss')).toMatchObject({
      status: 'rejected',
      approval: null,
    });
    await deletePost(f.deps, 't1', draft.id, 'user:ana');
    await expect(getPost(f.deps, 't1', draft.id)).rejects.toMatchObject({ kind: 'not_found' });
    expect(f.audit.map((a) => a.action)).toEqual([
      'post.create',
      'post.approve',
      'post.reject',
      'post.delete',
    ]);
    expect((await listPosts(f.deps, 't1', { limit: 10 })).items).toEqual([]);
  });
});
