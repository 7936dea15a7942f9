/** Every minute: approved posts whose time has come get one publish job per target. */
import type { PublishingDeps } from './publishing-deps';
import { targetKey } from './post';

export interface PublishJob {
  tenantId: string;
  postId: string;
  targetKey: string;
  [key: string]: unknown;
}

export async function queueDuePosts(deps: PublishingDeps): Promise<{ posts: number; jobs: number }> {
  const now = deps.clock.now().toISOString();
  let posts = 0;
  let jobs = 0;
  for (const due of await deps.posts.listDue(now, 100)) {
    // claiming is conditional: two overlapping runs never queue the same post twice
    if (!(await deps.posts.claimDue(due.tenantId, due.postId))) continue;
    const post = await deps.posts.get(due.tenantId, due.postId);
    if (!post) continue;
    posts++;
    for (const t of post.targets) {
      const job: PublishJob = { tenantId: post.tenantId, postId: post.id, targetKey: targetKey(t) };
      await deps.commands.send(deps.publishDetailType, job);
      jobs++;
    }
  }
  return { posts, jobs };
}
