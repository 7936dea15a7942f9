/**
 * The calendar's part of a connection purge. A post publishes to one or more targets, each through the
 * connection that selected it; what Meta gave back (post and media ids, permalinks, containers) belongs
 * to that connection. A post whose every target went through the purged connection is deleted; a post
 * that also targets assets of another connection keeps those targets and loses this connection's ones,
 * and, if it was not published yet, goes back to draft: its approval covered other targets.
 */
import type { PostStore as PostRepository } from '../../publishing/contracts/store';
import { overallStatus, targetKey, type PostRecord } from '../../publishing/contracts/post-records';

export interface PostPurge {
  deleted: number;
  trimmed: number;
}

const NOT_YET_PUBLISHED = new Set(['draft', 'approved', 'scheduled', 'rejected']);

export type PostDecision =
  | { action: 'keep'; reason: 'not_through_connection' }
  | { action: 'delete'; reason: 'every_target_through_connection' }
  | { action: 'trim'; reason: 'other_targets_remain'; post: PostRecord };

export function decidePost(post: PostRecord, connectionId: string, now: string): PostDecision {
  const mine = (key: string) => post.targetStates[key]?.connectionId === connectionId;
  const keys = post.targets.map(targetKey);
  if (!keys.some(mine)) return { action: 'keep', reason: 'not_through_connection' };
  const remaining = post.targets.filter((t) => !mine(targetKey(t)));
  if (remaining.length === 0) return { action: 'delete', reason: 'every_target_through_connection' };
  const targetStates = Object.fromEntries(
    Object.entries(post.targetStates).filter(([, s]) => s.connectionId !== connectionId),
  );
  const { approval: _approval, ...rest } = post;
  const trimmed: PostRecord = NOT_YET_PUBLISHED.has(post.status)
    ? { ...rest, targets: remaining, targetStates, status: 'draft', updatedAt: now }
    : {
        ...post,
        targets: remaining,
        targetStates,
        status: overallStatus(Object.values(targetStates)),
        updatedAt: now,
      };
  return { action: 'trim', reason: 'other_targets_remain', post: trimmed };
}

export async function purgePosts(
  deps: { posts: Pick<PostRepository, 'list' | 'delete' | 'put'> },
  tenantId: string,
  connectionId: string,
  now: string,
): Promise<PostPurge> {
  const result: PostPurge = { deleted: 0, trimmed: 0 };
  let cursor: string | undefined;
  do {
    const page = await deps.posts.list(tenantId, { limit: 200, cursor });
    for (const post of page.items) {
      const d = decidePost(post, connectionId, now);
      if (d.action === 'delete') {
        await deps.posts.delete(tenantId, post.id);
        result.deleted++;
      } else if (d.action === 'trim') {
        await deps.posts.put(d.post);
        result.trimmed++;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return result;
}
