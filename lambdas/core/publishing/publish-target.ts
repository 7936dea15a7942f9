/**
 * One publish job: one post to one target, exactly once. The approval hash is checked against the
 * content; a write whose answer was lost is never repeated blindly — Meta is read back first (the Page's
 * recent posts, the Instagram container's status) — and Instagram containers are polled with backoff.
 * Each outcome (published, or failed with a plain reason) is recorded on the target and announced.
 */
import { MetaGraphError, MetaNetworkError, classifyGraphError } from '../meta/graph-error';
import { expireOnTokenError } from '../connections/manage-connections';
import { domainEvent } from '../events/domain-event';
import { approvalHash } from './post-rules';
import { overallStatus, type PostRecord, type PostTarget, type TargetState } from './post';
import type { PublishingDeps } from './publishing-deps';
import type { PublishJob } from './queue-due-posts';

/** Container polls within one job before handing it back to the queue. */
const POLLS = 6;

export class RetryLater extends Error {
  constructor(readonly reason: string) {
    super(`retry later: ${reason}`);
    this.name = 'RetryLater';
  }
}

export type PublishOutcome =
  | { outcome: 'published'; metaId: string; reason: string }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string };

export async function publishTarget(deps: PublishingDeps, job: PublishJob): Promise<PublishOutcome> {
  const post = await deps.posts.get(job.tenantId, job.postId);
  if (!post) return { outcome: 'skipped', reason: 'post_deleted' };
  const target = post.targets.find((t) => `${t.type}:${t.id}` === job.targetKey);
  const state = post.targetStates[job.targetKey];
  if (!target || !state) return { outcome: 'skipped', reason: 'target_removed' };
  if (state.status === 'published') return { outcome: 'skipped', reason: 'already_published' };
  if (state.status === 'failed') return { outcome: 'skipped', reason: 'already_failed' };
  if (!post.approval) return fail(deps, post, job.targetKey, state, 'not_approved');
  if (post.approval.hash !== approvalHash(post))
    return fail(deps, post, job.targetKey, state, 'content_changed_after_approval');

  const connection = await deps.connections.get(post.tenantId, state.connectionId);
  if (!connection || connection.status === 'revoked' || connection.status === 'expired') {
    return fail(deps, post, job.targetKey, state, `connection_${connection?.status ?? 'gone'}`);
  }
  const ctx = { tenantId: post.tenantId, connectionId: state.connectionId };
  const pageId =
    target.type === 'facebook_page'
      ? target.id
      : (await deps.connections.getAssets(ctx.tenantId, ctx.connectionId))?.instagramAccounts.find(
          (a) => a.id === target.id,
        )?.pageId;
  const tokenRecord = pageId
    ? await deps.connections.getPageToken(ctx.tenantId, ctx.connectionId, pageId)
    : undefined;
  if (!tokenRecord) return fail(deps, post, job.targetKey, state, 'page_token_missing');
  const token = await deps.vault.decrypt(tokenRecord.ciphertext, ctx);

  try {
    const ref =
      target.type === 'facebook_page'
        ? await publishToPage(deps, post, target, state, job.targetKey, token)
        : await publishToInstagram(deps, post, target, state, job.targetKey, token);
    const permalink = await deps.graph.permalink(ref.id, token).catch(() => null);
    const published: TargetState = {
      ...state,
      status: 'published',
      metaId: ref.id,
      permalink: permalink ?? undefined,
      publishedAt: deps.clock.now().toISOString(),
    };
    const after = await deps.posts.updateTarget(post.tenantId, post.id, job.targetKey, published);
    await settle(deps, after);
    await deps.events.publish([
      domainEvent(
        'post.published',
        post.tenantId,
        `post.published:${post.id}:${job.targetKey}`,
        deps.clock.now(),
        {
          postId: post.id,
          target: job.targetKey,
          metaId: ref.id,
          permalink: permalink ?? null,
        },
      ),
    ]);
    return { outcome: 'published', metaId: ref.id, reason: ref.reason };
  } catch (err) {
    if (err instanceof RetryLater || err instanceof MetaNetworkError) throw err;
    const tokenReason = await expireOnTokenError(deps, connection, err, 'system:publish');
    if (tokenReason) return fail(deps, post, job.targetKey, state, `token_invalid_${tokenReason}`);
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      if (cls.category === 'invalid' || cls.category === 'permission') {
        const plain = err.body.errorUserMsg ?? err.body.message;
        return fail(deps, post, job.targetKey, state, `${cls.reason}: ${plain}`.slice(0, 300));
      }
    }
    throw err;
  }
}

async function publishToPage(
  deps: PublishingDeps,
  post: PostRecord,
  target: PostTarget,
  state: TargetState,
  key: string,
  token: string,
) {
  if (state.writeStartedAt) {
    // an earlier attempt may have posted before its answer was lost: look before writing again
    const since = Date.parse(state.writeStartedAt) - 60_000;
    const found = (await deps.graph.recentPagePosts(target.id, token)).find(
      (p) => p.message === post.message && p.createdTime.getTime() >= since,
    );
    if (found) return { id: found.id, reason: 'found_on_read_back' };
  }
  await deps.posts.updateTarget(post.tenantId, post.id, key, {
    ...state,
    status: 'publishing',
    writeStartedAt: deps.clock.now().toISOString(),
  });
  const images = post.media.filter((m) => m.type === 'image');
  if (images.length === 1) {
    const res = await deps.graph.createPagePhoto(target.id, token, {
      url: images[0]!.url,
      caption: post.message,
      published: true,
    });
    return { id: res.postId ?? res.photoId, reason: 'photo_posted' };
  }
  if (images.length > 1) {
    const ids: string[] = [];
    for (const img of images)
      ids.push(
        (await deps.graph.createPagePhoto(target.id, token, { url: img.url, caption: '', published: false }))
          .photoId,
      );
    return {
      id: await deps.graph.createPagePostWithPhotos(target.id, token, post.message, ids),
      reason: 'multi_photo_posted',
    };
  }
  return {
    id: await deps.graph.createPagePost(target.id, token, { message: post.message, link: post.link }),
    reason: post.link ? 'link_posted' : 'text_posted',
  };
}

async function publishToInstagram(
  deps: PublishingDeps,
  post: PostRecord,
  target: PostTarget,
  state: TargetState,
  key: string,
  token: string,
) {
  let s = state;
  if (!s.containerId) {
    const quota = await deps.graph.igPublishingQuota(target.id, token);
    if (quota.used >= quota.total)
      throw new MetaGraphError(400, {
        message: `the account has used its ${quota.total} posts for 24 hours`,
        code: 9,
        errorSubcode: 2207042,
        errorUserMsg: `Instagram's publishing limit (${quota.total} posts in 24 hours) is reached`,
      });
    const containerId = await createContainer(deps, post, target.id, token);
    s = { ...s, status: 'publishing', containerId };
    await deps.posts.updateTarget(post.tenantId, post.id, key, s);
  }
  const containerId = s.containerId!;
  for (let poll = 0; ; poll++) {
    const { status, detail } = await deps.graph.igContainerStatus(containerId, token);
    if (status === 'PUBLISHED') {
      // published by an attempt whose answer was lost: find the media instead of publishing again
      const media = (await deps.graph.igRecentMedia(target.id, token)).find(
        (m) => m.caption === post.message,
      );
      if (media) return { id: media.id, reason: 'found_on_read_back' };
      throw new RetryLater('published_media_not_listed_yet');
    }
    if (status === 'FINISHED') break;
    if (status === 'ERROR' || status === 'EXPIRED') {
      throw new MetaGraphError(400, {
        message: `container ${status}`,
        code: 100,
        errorUserMsg: `Instagram could not process the media (${detail ?? status})`,
      });
    }
    if (poll + 1 >= POLLS) throw new RetryLater('container_in_progress');
    await deps.sleep(Math.min(8_000, 250 * 2 ** poll));
  }
  await deps.posts.updateTarget(post.tenantId, post.id, key, {
    ...s,
    writeStartedAt: deps.clock.now().toISOString(),
  });
  return { id: await deps.graph.igPublish(target.id, token, containerId), reason: 'container_published' };
}

async function createContainer(
  deps: PublishingDeps,
  post: PostRecord,
  igUserId: string,
  token: string,
): Promise<string> {
  if (post.media.length > 1) {
    const children: string[] = [];
    for (const m of post.media) {
      children.push(
        await deps.graph.createIgContainer(igUserId, token, {
          ...(m.type === 'image' ? { imageUrl: m.url } : { videoUrl: m.url }),
          isCarouselItem: true,
        }),
      );
    }
    return deps.graph.createIgContainer(igUserId, token, {
      mediaType: 'CAROUSEL',
      children,
      caption: post.message,
    });
  }
  const m = post.media[0]!;
  return deps.graph.createIgContainer(
    igUserId,
    token,
    m.type === 'image'
      ? { imageUrl: m.url, caption: post.message }
      : { videoUrl: m.url, mediaType: 'REELS', caption: post.message },
  );
}

async function fail(
  deps: PublishingDeps,
  post: PostRecord,
  key: string,
  state: TargetState,
  reason: string,
): Promise<PublishOutcome> {
  const after = await deps.posts.updateTarget(post.tenantId, post.id, key, {
    ...state,
    status: 'failed',
    error: reason,
  });
  await settle(deps, after);
  await deps.audit.record({
    tenantId: post.tenantId,
    id: deps.ids.next('aud'),
    at: deps.clock.now().toISOString(),
    actor: 'system:publish',
    action: 'post.publish',
    target: `post:${post.id}`,
    result: 'failure',
    reason: reason.split(':')[0],
    details: { target: key },
  });
  await deps.events.publish([
    domainEvent('post.failed', post.tenantId, `post.failed:${post.id}:${key}`, deps.clock.now(), {
      postId: post.id,
      target: key,
      reason,
    }),
  ]);
  return { outcome: 'failed', reason };
}

/** The post's status follows its targets: all published, some, none. */
async function settle(deps: PublishingDeps, post: PostRecord): Promise<void> {
  const status = overallStatus(Object.values(post.targetStates));
  if (status !== post.status) await deps.posts.setStatus(post.tenantId, post.id, status);
}
