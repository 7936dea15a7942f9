/**
 * Every minute: approved posts due within the next minute get one publish job per target. Where the
 * publish queue accepts delayed messages, a job is held until its post's exact time, so a post scheduled
 * at 10:00:30 goes out at 10:00:30, not at the scheduler's next tick.
 */
import type { PublishingDeps } from './publishing-deps';
import { targetKey } from './post';

export interface PublishJob {
  tenantId: string;
  postId: string;
  targetKey: string;
  [key: string]: unknown;
}

export const LOOK_AHEAD_MS = 60_000;

export async function queueDuePosts(deps: PublishingDeps): Promise<{ posts: number; jobs: number }> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + (deps.delayedJobs ? LOOK_AHEAD_MS : 0)).toISOString();
  let posts = 0;
  let jobs = 0;
  for (const due of await deps.posts.listDue(horizon, 500)) {
    // claiming is conditional: two overlapping runs never queue the same post twice
    if (!(await deps.posts.claimDue(due.tenantId, due.postId))) continue;
    const post = await deps.posts.get(due.tenantId, due.postId);
    if (!post) continue;
    posts++;
    for (const t of post.targets) {
      const job: PublishJob = { tenantId: post.tenantId, postId: post.id, targetKey: targetKey(t) };
      const waitS = post.scheduledAt ? (Date.parse(post.scheduledAt) - now.getTime()) / 1000 : 0;
      if (deps.delayedJobs && waitS > 0) await deps.delayedJobs.sendAt(deps.publishDetailType, job, waitS);
      else await deps.commands.send(deps.publishDetailType, job);
      jobs++;
    }
  }
  return { posts, jobs };
}
