/**
 * Every minute: approved posts due within the next minute get one publish job per target. Where the
 * publish queue accepts delayed messages, a job is held until its post's exact time, so a post scheduled
 * at 10:00:30 goes out at 10:00:30, not at the scheduler's next tick. An approval that is already inside
 * that window queues its post at once instead of waiting for the tick.
 */
import { sendCommand } from '../../../platform/contracts/command-contract';
import { PublishRequested, type PublishJob } from '../contracts/commands';
import type { JobQueueDeps } from '../ports';
import { targetKey, type PostRecord } from './post';

export type { PublishJob };

export const LOOK_AHEAD_MS = 60_000;

const horizonOf = (deps: Pick<JobQueueDeps, 'delayedJobs'>, now: Date) =>
  new Date(now.getTime() + (deps.delayedJobs ? LOOK_AHEAD_MS : 0));

export async function queueDuePosts(deps: JobQueueDeps): Promise<{ posts: number; jobs: number }> {
  const now = deps.clock.now();
  let posts = 0;
  let jobs = 0;
  for (const due of await deps.posts.listDue(horizonOf(deps, now).toISOString(), 500)) {
    const queued = await claimAndQueue(deps, due.tenantId, due.postId, now);
    if (queued === 0) continue;
    posts++;
    jobs += queued;
  }
  return { posts, jobs };
}

/** Right after an approval: a post due within the scheduler's window is queued now. */
export async function queueIfDueSoon(deps: JobQueueDeps, post: PostRecord): Promise<boolean> {
  const now = deps.clock.now();
  const dueAt = post.scheduledAt ? Date.parse(post.scheduledAt) : now.getTime();
  if (dueAt > horizonOf(deps, now).getTime()) return false;
  return (await claimAndQueue(deps, post.tenantId, post.id, now)) > 0;
}

/**
 * Claiming is conditional, so two overlapping runs never both queue a post. A post whose jobs could not
 * all be sent goes back on the due list for the next run: a job sent twice is harmless (the worker
 * publishes a target once), a post never sent would be lost.
 */
async function claimAndQueue(deps: JobQueueDeps, tenantId: string, postId: string, now: Date) {
  if (!(await deps.posts.claimDue(tenantId, postId))) return 0;
  const post = await deps.posts.get(tenantId, postId);
  if (!post) return 0;
  try {
    for (const t of post.targets) {
      const job: PublishJob = { tenantId, postId, targetKey: targetKey(t) };
      const waitS = post.scheduledAt ? (Date.parse(post.scheduledAt) - now.getTime()) / 1000 : 0;
      if (deps.delayedJobs && waitS > 0)
        await deps.delayedJobs.sendAt(PublishRequested.detailType, job, waitS);
      else await sendCommand(deps.commands, PublishRequested, job);
    }
  } catch (err) {
    await deps.posts.unclaim(post);
    throw err;
  }
  return post.targets.length;
}
