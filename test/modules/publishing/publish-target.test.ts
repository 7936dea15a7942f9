/**
 * The publish step with in-memory fakes: one post to one target, exactly once. Each outcome is recorded on
 * the target with its reason, audited, announced and counted; a lost answer is read back, never repeated.
 */
import { approvalHash } from '../../../lambdas/modules/publishing/core/post-rules';
import type { PostRecord } from '../../../lambdas/modules/publishing/core/post';
import { publishTarget, RetryLater } from '../../../lambdas/modules/publishing/core/publish-target';
import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import { activeConnection, IG, PAGE, publishingFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');
const PAGE_KEY = `facebook_page:${PAGE}`;
const IG_KEY = `instagram_account:${IG}`;
const IMAGE = { type: 'image' as const, url: 'https://cdn.example.test/bread.jpg' };
const EARLY = { finalAttempt: false };
const LAST = { finalAttempt: true };

/** An approved post, stored as the scheduler leaves it (publishing, every target pending). */
function approved(over: Partial<PostRecord> = {}): PostRecord {
  const post: PostRecord = {
    tenantId: 't1',
    id: 'post_1',
    message: 'Fresh bread',
    media: [],
    targets: [{ type: 'facebook_page', id: PAGE }],
    status: 'publishing',
    targetStates: { [PAGE_KEY]: { connectionId: 'c1', status: 'pending' } },
    createdBy: 'user:ana',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  };
  return {
    ...post,
    approval: over.approval ?? { hash: approvalHash(post), by: 'user:boss', at: NOW.toISOString() },
  };
}

const igPost = (media = [IMAGE]) =>
  approved({
    media,
    targets: [{ type: 'instagram_account', id: IG }],
    targetStates: { [IG_KEY]: { connectionId: 'c1', status: 'pending' } },
  });

async function setup(post: PostRecord) {
  const f = publishingFakes({ now: NOW });
  // the Instagram account publishes with the token of its Page
  f.connections.add(activeConnection(), { [IG]: PAGE });
  await f.posts.put(post);
  return f;
}

const job = (key = PAGE_KEY) => ({ tenantId: 't1', postId: 'post_1', targetKey: key });

describe('a Page target', () => {
  it('is posted with the Page token, then recorded, audited, announced and counted', async () => {
    const f = await setup(approved());
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'published',
      metaId: `${PAGE}_1`,
      reason: 'text_posted',
    });
    expect(f.graph.calls[0]).toMatchObject({
      method: 'createPagePost',
      args: [PAGE, `token(ct:${PAGE})`, { message: 'Fresh bread' }],
    });
    const stored = f.posts.posts.get('t1|post_1')!;
    expect(stored.status).toBe('published');
    expect(stored.targetStates[PAGE_KEY]).toMatchObject({
      status: 'published',
      metaId: `${PAGE}_1`,
      permalink: `https://meta.example/facebook_post/${PAGE}_1`,
      publishedAt: NOW.toISOString(),
    });
    expect(stored.targetStates[PAGE_KEY]!.leaseUntil).toBeUndefined();
    expect(f.audit).toEqual([
      expect.objectContaining({ action: 'post.publish', result: 'success', reason: 'text_posted' }),
    ]);
    expect(f.events.map((e) => [e.type, e.detail.target])).toEqual([['post.published', PAGE_KEY]]);
    expect(f.metrics.total('publishOutcomes', { Outcome: 'published', Channel: 'facebook' })).toBe(1);
  });

  it('a job delivered again after the target is published does nothing', async () => {
    const f = await setup(approved());
    await publishTarget(f.publish, job());
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'skipped',
      reason: 'already_published',
    });
    expect(f.graph.writes()).toHaveLength(1);
  });

  it('several images are staged unpublished, then attached to one post', async () => {
    const f = await setup(
      approved({ media: [IMAGE, { type: 'image', url: 'https://cdn.example.test/2.jpg' }] }),
    );
    const out = await publishTarget(f.publish, job());
    expect(out).toMatchObject({ outcome: 'published', reason: 'multi_photo_posted' });
    expect(f.graph.writes().map((c) => c.method)).toEqual([
      'createPagePhoto',
      'createPagePhoto',
      'createPagePostWithPhotos',
    ]);
    expect(f.graph.feed).toHaveLength(1);
  });

  it('a write whose answer was lost is read back on the retry, not posted twice', async () => {
    const f = await setup(approved());
    f.graph.loseAnswerOf = 'createPagePost';
    // the fake loses the answer as a plain error; the Graph client reports it as a network error
    const lost = f.graph.createPagePost.bind(f.graph);
    f.graph.createPagePost = async (...a) =>
      lost(...a).catch(() => {
        throw new MetaNetworkError('POST feed got no answer', true);
      });
    await expect(publishTarget(f.publish, job(), EARLY)).rejects.toBeInstanceOf(MetaNetworkError);
    const between = f.posts.posts.get('t1|post_1')!.targetStates[PAGE_KEY]!;
    expect(between).toMatchObject({ status: 'publishing', writeStartedAt: NOW.toISOString() });
    expect(between.leaseUntil).toBeUndefined();

    expect(await publishTarget(f.publish, job(), EARLY)).toMatchObject({
      outcome: 'published',
      reason: 'found_on_read_back',
    });
    expect(f.graph.feed).toHaveLength(1);
    expect(f.graph.writes()).toHaveLength(1);
  });

  it('a duplicate job while another holds the target comes back later; on its last delivery it stands down', async () => {
    const f = await setup(approved());
    await f.posts.leaseTarget('t1', 'post_1', PAGE_KEY, '2026-11-20T10:02:00.000Z', NOW.toISOString());
    await expect(publishTarget(f.publish, job(), EARLY)).rejects.toEqual(new RetryLater('busy_elsewhere'));
    expect(await publishTarget(f.publish, job(), LAST)).toEqual({
      outcome: 'skipped',
      reason: 'busy_elsewhere',
    });
    expect(f.graph.calls).toEqual([]);
  });
});

describe('refusals before anything reaches Meta', () => {
  it('a post whose content changed after its approval fails with that reason', async () => {
    const post = approved();
    const f = await setup({ ...post, message: 'Changed behind the approval' });
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'failed',
      reason: 'content_changed_after_approval',
    });
    expect(f.posts.posts.get('t1|post_1')!.targetStates[PAGE_KEY]).toMatchObject({
      status: 'failed',
      failureReason: 'content_changed_after_approval',
      error: expect.stringContaining('Approve it again'),
    });
    expect(f.events.map((e) => [e.type, e.detail.reason])).toEqual([
      ['post.failed', 'content_changed_after_approval'],
    ]);
    expect(f.audit.at(-1)).toMatchObject({ result: 'failure', reason: 'content_changed_after_approval' });
    expect(f.metrics.total('publishOutcomes', { Outcome: 'failed' })).toBe(1);
    expect(f.graph.calls).toEqual([]);
  });

  it('a post without approval, an expired connection, a missing Page token: each fails with its reason', async () => {
    const { approval: _none, ...unapproved } = approved();
    let f = await setup(unapproved);
    expect(await publishTarget(f.publish, job())).toEqual({ outcome: 'failed', reason: 'not_approved' });

    f = await setup(approved());
    f.connections.add(activeConnection({ status: 'expired' }));
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'failed',
      reason: 'connection_expired',
    });

    f = await setup(approved());
    f.connections.pageTokens.clear();
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'failed',
      reason: 'page_token_missing',
    });
    expect(f.graph.calls).toEqual([]);
  });
});

describe('Meta refuses', () => {
  it('a token Meta no longer accepts expires the connection once and fails the target with the reason', async () => {
    const f = await setup(approved());
    f.graph.failOn(
      'createPagePost',
      new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 }),
    );
    expect(await publishTarget(f.publish, job())).toEqual({
      outcome: 'failed',
      reason: 'token_invalid_token_expired',
    });
    expect(f.connections.markedInvalid).toEqual([
      { connectionId: 'c1', reason: 'token_expired', actor: 'system:publish' },
    ]);
    expect(f.posts.posts.get('t1|post_1')!.targetStates[PAGE_KEY]!.error).toContain('Reconnect Meta');
  });

  it('a post Meta refuses as invalid fails at once with Meta’s own words', async () => {
    const f = await setup(approved());
    f.graph.failOn(
      'createPagePost',
      new MetaGraphError(400, {
        message: 'Invalid parameter',
        code: 100,
        errorUserMsg: 'The link is not allowed',
      }),
    );
    const out = await publishTarget(f.publish, job(), EARLY);
    expect(out.outcome).toBe('failed');
    expect(f.posts.posts.get('t1|post_1')!.targetStates[PAGE_KEY]!.error).toContain(
      'The link is not allowed',
    );
  });
});

describe('an Instagram target', () => {
  it('creates a container with the Page token, waits until it is ready, publishes it', async () => {
    const f = await setup(igPost());
    f.graph.containerStatuses = ['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED'];
    expect(await publishTarget(f.publish, job(IG_KEY))).toMatchObject({
      outcome: 'published',
      reason: 'container_published',
    });
    expect(f.graph.calls.map((c) => c.method)).toEqual([
      'igPublishingQuota',
      'createIgContainer',
      'igContainerStatus',
      'igContainerStatus',
      'igContainerStatus',
      'igPublish',
      'permalink',
    ]);
    expect(f.graph.calls[1]!.args).toEqual([
      IG,
      `token(ct:${PAGE})`,
      { imageUrl: IMAGE.url, caption: 'Fresh bread' },
    ]);
    expect(f.sleeps).toEqual([250, 500]);
    expect(f.metrics.total('publishOutcomes', { Outcome: 'published', Channel: 'instagram' })).toBe(1);
  });

  it('at the publishing limit nothing is created: the target fails and says so', async () => {
    const f = await setup(igPost());
    f.graph.quota = { used: 100, total: 100 };
    expect(await publishTarget(f.publish, job(IG_KEY))).toEqual({
      outcome: 'failed',
      reason: 'publishing_limit_reached',
    });
    expect(f.graph.writes()).toEqual([]);
  });

  it('a container still processing goes back to the queue and is kept; on the last delivery it fails', async () => {
    const f = await setup(igPost());
    f.graph.containerStatuses = ['IN_PROGRESS'];
    await expect(publishTarget(f.publish, job(IG_KEY), EARLY)).rejects.toEqual(
      new RetryLater('container_in_progress'),
    );
    const kept = f.posts.posts.get('t1|post_1')!.targetStates[IG_KEY]!;
    expect(kept.containerId).toBe('container_1');
    expect(await publishTarget(f.publish, job(IG_KEY), LAST)).toEqual({
      outcome: 'failed',
      reason: 'container_still_processing',
    });
    // the container made by the first attempt was polled again, not made twice
    expect(f.graph.calls.filter((c) => c.method === 'createIgContainer')).toHaveLength(1);
  });

  it('a container that ended in ERROR fails the target with Meta’s status', async () => {
    const f = await setup(igPost());
    f.graph.containerStatuses = ['ERROR'];
    expect(await publishTarget(f.publish, job(IG_KEY))).toEqual({
      outcome: 'failed',
      reason: 'media_not_processed',
    });
    expect(f.posts.posts.get('t1|post_1')!.targetStates[IG_KEY]!.error).toContain('2207026');
  });

  it('a publish whose answer was lost is found among the recent media instead of published again', async () => {
    const f = await setup(igPost());
    const publish = f.graph.igPublish.bind(f.graph);
    f.graph.loseAnswerOf = 'igPublish';
    f.graph.igPublish = async (...a) =>
      publish(...a).catch(() => {
        throw new MetaNetworkError('POST media_publish got no answer', true);
      });
    await expect(publishTarget(f.publish, job(IG_KEY), EARLY)).rejects.toBeInstanceOf(MetaNetworkError);
    expect(await publishTarget(f.publish, job(IG_KEY), EARLY)).toMatchObject({
      outcome: 'published',
      metaId: 'media_2',
      reason: 'found_on_read_back',
    });
    expect(f.graph.media).toHaveLength(1);
  });

  it('a carousel makes one container per item, then the parent from the same items', async () => {
    const f = await setup(igPost([IMAGE, { type: 'video', url: 'https://cdn.example.test/v.mp4' } as never]));
    await publishTarget(f.publish, job(IG_KEY));
    const made = f.graph.calls.filter((c) => c.method === 'createIgContainer').map((c) => c.args[2]);
    expect(made).toEqual([
      { imageUrl: IMAGE.url, isCarouselItem: true },
      { videoUrl: 'https://cdn.example.test/v.mp4', mediaType: 'VIDEO', isCarouselItem: true },
      { mediaType: 'CAROUSEL', children: ['container_1', 'container_2'], caption: 'Fresh bread' },
    ]);
  });
});
