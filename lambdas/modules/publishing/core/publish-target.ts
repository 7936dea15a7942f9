/**
 * One publish job: one post to one target, exactly once. The approval hash is checked against the
 * content; a write whose answer was lost is never repeated blindly — Meta is read back first (the Page's
 * recent posts, the Instagram container's status) — and Instagram containers are polled with backoff.
 * Each outcome (published, or failed with a plain reason) is recorded on the target, audited and announced.
 */
import {
  MetaGraphError,
  MetaNetworkError,
  classifyGraphError,
} from '../../../platform/core/graph/graph-error';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import { postEvent } from '../contracts/events';
import type { PublishDeps } from '../ports';
import { approvalHash } from './post-rules';
import { describeFailure, type TargetFailure } from './failure-reasons';
import { overallStatus, type PostRecord, type PostTarget, type TargetState } from './post';
import type { PublishJob } from '../contracts/commands';
import { recordAudit } from '../../../platform/core/record-audit';

/** Container polls within one job before handing it back to the queue (which brings it back later). */
export const POLLS_PER_ATTEMPT = 6;
const MAX_POLL_WAIT_MS = 8_000;
/** Meta's "publishing limit reached" subcode (content_publishing_limit). */
const PUBLISHING_LIMIT_SUBCODE = 2207042;

/** Not done yet and nothing is wrong: the queue brings the job back after its visibility timeout. */
export class RetryLater extends Error {
  constructor(readonly reason: string) {
    super(`retry later: ${reason}`);
    this.name = 'RetryLater';
  }
}

/** A permanent refusal decided here (not by a Graph error), with its reason. */
class Refused extends Error {
  constructor(readonly failure: TargetFailure) {
    super(failure.reason);
    this.name = 'Refused';
  }
}

export interface PublishAttempt {
  /** the queue will not bring this job back: report an unfinished target as failed instead of retrying */
  finalAttempt: boolean;
}

export type PublishOutcome =
  | { outcome: 'published'; metaId: string | null; reason: string }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string };

interface PublishedRef {
  id: string | null;
  reason: string;
}

/** How long one job may work on a target before a duplicate may take over: the publish queue's visibility. */
export const TARGET_LEASE_MS = 120_000;

export type NotToStart = 'post_deleted' | 'target_removed' | 'already_published' | 'already_failed';

/** Why a job has nothing to do for its target, or null when the target still waits to be published. */
export function nothingToDo(post: PostRecord | undefined, key: string): NotToStart | null {
  if (!post) return 'post_deleted';
  const state = post.targetStates[key];
  if (!state || !post.targets.some((t) => `${t.type}:${t.id}` === key)) return 'target_removed';
  if (state.status === 'published') return 'already_published';
  if (state.status === 'failed') return 'already_failed';
  return null;
}

export async function publishTarget(
  deps: PublishDeps,
  job: PublishJob,
  attempt: PublishAttempt = { finalAttempt: false },
): Promise<PublishOutcome> {
  const key = job.targetKey;
  const idle = nothingToDo(await deps.posts.get(job.tenantId, job.postId), key);
  if (idle) return { outcome: 'skipped', reason: idle };
  const now = deps.clock.now();
  const until = new Date(now.getTime() + TARGET_LEASE_MS).toISOString();
  const post = await deps.posts.leaseTarget(job.tenantId, job.postId, key, until, now.toISOString());
  if (!post) {
    // a duplicate of this job holds the target: it publishes or fails it; ours comes back to check
    const after = nothingToDo(await deps.posts.get(job.tenantId, job.postId), key);
    if (after) return { outcome: 'skipped', reason: after };
    if (!attempt.finalAttempt) throw new RetryLater('busy_elsewhere');
    return { outcome: 'skipped', reason: 'busy_elsewhere' };
  }
  const target = post.targets.find((t) => `${t.type}:${t.id}` === key)!;
  return publishLeased(deps, post, target, post.targetStates[key]!, key, attempt);
}

async function publishLeased(
  deps: PublishDeps,
  post: PostRecord,
  target: PostTarget,
  state: TargetState,
  key: string,
  attempt: PublishAttempt,
): Promise<PublishOutcome> {
  const refuse = (reason: string, metaMessage?: string) =>
    fail(deps, post, key, state, describeFailure(reason, metaMessage));
  if (!post.approval) return refuse('not_approved');
  if (post.approval.hash !== approvalHash(post)) return refuse('content_changed_after_approval');

  const connection = await deps.connections.get(post.tenantId, state.connectionId);
  if (!connection || connection.status === 'revoked' || connection.status === 'expired')
    return refuse(`connection_${connection?.status ?? 'gone'}`);
  const ctx = { tenantId: post.tenantId, connectionId: state.connectionId };
  const pageId =
    target.type === 'facebook_page'
      ? target.id
      : await deps.connections.pageOfInstagramAccount(ctx.tenantId, ctx.connectionId, target.id);
  const tokenCiphertext = pageId
    ? await deps.connections.pageToken(ctx.tenantId, ctx.connectionId, pageId)
    : undefined;
  if (!tokenCiphertext) return refuse('page_token_missing');
  const token = await deps.vault.decrypt(tokenCiphertext, ctx);

  const run = { deps, post, target, key, token, state, wroteThisAttempt: false };
  try {
    const ref = target.type === 'facebook_page' ? await publishToPage(run) : await publishToInstagram(run);
    return await succeed(deps, post, key, run.state, ref, token);
  } catch (err) {
    if (err instanceof Refused) return fail(deps, post, key, run.state, err.failure);
    const tokenReason = await tokenRefused(deps, ctx, err, 'system:publish');
    if (tokenReason) return fail(deps, post, key, run.state, describeFailure(`token_invalid_${tokenReason}`));
    const decision = decideOnError(err, attempt, run.wroteThisAttempt);
    if (decision.action === 'retry') {
      // let the redelivered job (or a duplicate) take the target without waiting for the lease to run out
      const { leaseUntil: _held, ...released } = run.state;
      await deps.posts.updateTarget(post.tenantId, post.id, key, released);
      throw err;
    }
    if (decision.action === 'published_without_id')
      return succeed(deps, post, key, run.state, { id: null, reason: decision.reason }, token);
    return fail(deps, post, key, run.state, describeFailure(decision.reason, decision.metaMessage));
  }
}

export type ErrorDecision =
  | { action: 'retry'; reason: string }
  | { action: 'fail'; reason: string; metaMessage?: string }
  | { action: 'published_without_id'; reason: string };

/**
 * What an error means for the target. Transient trouble retries while the queue will bring the job
 * back; on its last delivery the target fails with the reason instead of vanishing into the DLQ.
 */
export function decideOnError(
  err: unknown,
  attempt: PublishAttempt,
  wroteThisAttempt: boolean,
): ErrorDecision {
  if (err instanceof RetryLater) {
    if (!attempt.finalAttempt) return { action: 'retry', reason: err.reason };
    // the container says PUBLISHED: it is out, only its id could not be found
    if (err.reason === 'published_media_not_listed_yet')
      return { action: 'published_without_id', reason: 'published_id_not_found' };
    return { action: 'fail', reason: 'container_still_processing' };
  }
  if (err instanceof MetaNetworkError) {
    if (!attempt.finalAttempt) return { action: 'retry', reason: 'meta_unreachable' };
    return { action: 'fail', reason: wroteThisAttempt ? 'outcome_unknown' : 'meta_unavailable' };
  }
  if (err instanceof MetaGraphError) {
    const cls = classifyGraphError(err.httpStatus, err.body);
    const said = err.body.errorUserMsg ?? err.body.message;
    if (err.body.errorSubcode === PUBLISHING_LIMIT_SUBCODE)
      return { action: 'fail', reason: 'publishing_limit_reached', metaMessage: said };
    if (cls.category === 'invalid' || cls.category === 'permission')
      return { action: 'fail', reason: cls.reason, metaMessage: said };
    if (!attempt.finalAttempt) return { action: 'retry', reason: cls.reason };
    return { action: 'fail', reason: 'meta_unavailable' };
  }
  // a bug or an outage of our own storage: retry; the DLQ keeps it for a person after the last one
  return { action: 'retry', reason: 'internal_error' };
}

interface Run {
  deps: PublishDeps;
  post: PostRecord;
  target: PostTarget;
  key: string;
  token: string;
  /** the target's state as this attempt last stored it */
  state: TargetState;
  /** a write to Meta was sent in this attempt: a lost answer then leaves the outcome unknown */
  wroteThisAttempt: boolean;
}

async function saveState(run: Run, patch: Partial<TargetState>) {
  run.state = { ...run.state, ...patch };
  await run.deps.posts.updateTarget(run.post.tenantId, run.post.id, run.key, run.state);
}

/** Marks the write as started before sending it, so a retry knows to read Meta back first. */
async function beforeWrite(run: Run) {
  await saveState(run, { status: 'publishing', writeStartedAt: run.deps.clock.now().toISOString() });
  run.wroteThisAttempt = true;
}

async function publishToPage(run: Run): Promise<PublishedRef> {
  const { deps, post, target, token } = run;
  if (run.state.writeStartedAt) {
    // an earlier attempt may have posted before its answer was lost: look before writing again
    const since = Date.parse(run.state.writeStartedAt) - 60_000;
    const found = (await deps.graph.recentPagePosts(target.id, token)).find(
      (p) => p.message === post.message && p.createdTime.getTime() >= since,
    );
    if (found) return { id: found.id, reason: 'found_on_read_back' };
  }
  await beforeWrite(run);
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
    // staged photos are invisible until attached, so staging again after a lost answer posts nothing twice
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

async function publishToInstagram(run: Run): Promise<PublishedRef> {
  const { deps, post, target, token } = run;
  if (!run.state.containerId) {
    const quota = await deps.graph.igPublishingQuota(target.id, token);
    if (quota.used >= quota.total)
      throw new Refused(describeFailure('publishing_limit_reached', `${quota.total} posts in 24 hours`));
    await saveState(run, { status: 'publishing', containerId: await createContainer(run) });
  }
  const containerId = run.state.containerId!;
  if ((await waitForContainer(run, containerId)) === 'PUBLISHED') {
    // published by an attempt whose answer was lost: find the media instead of publishing again
    const media = (await deps.graph.igRecentMedia(target.id, token)).find(
      (m) => m.caption.trim() === post.message.trim(),
    );
    if (media) return { id: media.id, reason: 'found_on_read_back' };
    throw new RetryLater('published_media_not_listed_yet');
  }
  await beforeWrite(run);
  return { id: await deps.graph.igPublish(target.id, token, containerId), reason: 'container_published' };
}

/** Polls with growing waits; ERROR and EXPIRED are final with Meta's reason, a long wait goes back to the queue. */
async function waitForContainer(run: Run, containerId: string): Promise<'FINISHED' | 'PUBLISHED'> {
  for (let poll = 0; ; poll++) {
    const { status, detail } = await run.deps.graph.igContainerStatus(containerId, run.token);
    if (status === 'FINISHED' || status === 'PUBLISHED') return status;
    if (status === 'ERROR') throw new Refused(describeFailure('media_not_processed', detail ?? 'ERROR'));
    if (status === 'EXPIRED')
      throw new Refused(
        describeFailure('media_not_processed', 'the media container expired before it was published'),
      );
    if (poll + 1 >= POLLS_PER_ATTEMPT) throw new RetryLater('container_in_progress');
    await run.deps.sleep(Math.min(MAX_POLL_WAIT_MS, 250 * 2 ** poll));
  }
}

/**
 * A single image is a feed post, a single video a Reel, several items a carousel. Carousel items are
 * kept on the target, so a job that comes back creates the parent from the same items, and only once.
 */
async function createContainer(run: Run): Promise<string> {
  const { deps, post, target, token } = run;
  if (post.media.length > 1) {
    let children = run.state.childContainerIds;
    if (!children) {
      children = [];
      for (const m of post.media)
        children.push(
          await deps.graph.createIgContainer(target.id, token, {
            ...(m.type === 'image' ? { imageUrl: m.url } : { videoUrl: m.url, mediaType: 'VIDEO' }),
            isCarouselItem: true,
          }),
        );
      await saveState(run, { status: 'publishing', childContainerIds: children });
    }
    // Meta refuses a carousel whose items are still processing
    for (const child of children) await waitForContainer(run, child);
    return deps.graph.createIgContainer(target.id, token, {
      mediaType: 'CAROUSEL',
      children,
      caption: post.message,
    });
  }
  const m = post.media[0]!;
  return deps.graph.createIgContainer(
    target.id,
    token,
    m.type === 'image'
      ? { imageUrl: m.url, caption: post.message }
      : { videoUrl: m.url, mediaType: 'REELS', caption: post.message },
  );
}

async function succeed(
  deps: PublishDeps,
  post: PostRecord,
  key: string,
  state: TargetState,
  ref: PublishedRef,
  token: string,
): Promise<PublishOutcome> {
  const kind = key.startsWith('facebook_page:') ? 'facebook_post' : 'instagram_media';
  // the post is out either way; a permalink that cannot be read leaves only the link missing
  const permalink = ref.id ? await deps.graph.permalink(ref.id, token, kind).catch(() => null) : null;
  const { leaseUntil: _done, ...rest } = state;
  const after = await deps.posts.updateTarget(post.tenantId, post.id, key, {
    ...rest,
    status: 'published',
    ...(ref.id ? { metaId: ref.id } : {}),
    ...(permalink ? { permalink } : {}),
    publishedAt: deps.clock.now().toISOString(),
  });
  await settle(deps, after);
  await auditPublish(deps, post, 'success', ref.reason, {
    target: key,
    metaId: ref.id,
    approvedBy: post.approval?.by ?? null,
  });
  await deps.events.publish([
    postEvent('post.published', post.tenantId, `post.published:${post.id}:${key}`, deps.clock.now(), {
      postId: post.id,
      target: key,
      metaId: ref.id,
      permalink,
    }),
  ]);
  deps.metrics.count('publishOutcomes', { Outcome: 'published', Channel: channelOf(key) });
  return { outcome: 'published', metaId: ref.id, reason: ref.reason };
}

/** The audit entry of one target's publication, published or failed. */
function auditPublish(
  deps: PublishDeps,
  post: PostRecord,
  result: 'success' | 'failure',
  reason: string | undefined,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(deps, {
    tenantId: post.tenantId,
    actor: 'system:publish',
    action: 'post.publish',
    target: `post:${post.id}`,
    result,
    reason,
    details,
  });
}

async function fail(
  deps: PublishDeps,
  post: PostRecord,
  key: string,
  state: TargetState,
  failure: TargetFailure,
): Promise<PublishOutcome> {
  const { leaseUntil: _done, ...rest } = state;
  const after = await deps.posts.updateTarget(post.tenantId, post.id, key, {
    ...rest,
    status: 'failed',
    error: failure.message,
    failureReason: failure.reason,
  });
  await settle(deps, after);
  await auditPublish(deps, post, 'failure', failure.reason, { target: key });
  await deps.events.publish([
    postEvent('post.failed', post.tenantId, `post.failed:${post.id}:${key}`, deps.clock.now(), {
      postId: post.id,
      target: key,
      reason: failure.reason,
      message: failure.message,
    }),
  ]);
  deps.metrics.count('publishOutcomes', { Outcome: 'failed', Channel: channelOf(key) });
  return { outcome: 'failed', reason: failure.reason };
}

const channelOf = (targetKey: string) => (targetKey.startsWith('facebook_page:') ? 'facebook' : 'instagram');

/** The post's status follows its targets: all published, some, none. */
async function settle(deps: PublishDeps, post: PostRecord): Promise<void> {
  const status = overallStatus(Object.values(post.targetStates));
  if (status !== post.status) await deps.posts.setStatus(post.tenantId, post.id, status);
}
