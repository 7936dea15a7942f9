/**
 * The calendar: drafts, edits, approvals and rejections. Nothing is queued for Meta unless approved by
 * a person or a tenant rule; an approval covers exactly the content it saw (a hash), and any edit sends
 * the post back to draft.
 */
import { DomainError, invalid, notFound } from '../../../platform/core/errors';
import type { PageRequest } from '../../../platform/core/ports';
import { APPROVAL_RULES_KEY } from '../contracts/approval-rules';
import { postEvent } from '../contracts/events';
import type { CalendarDeps } from '../ports';
import { approvalHash, decideByRules, validateDraft, type ApprovalRule, type Draft } from './post-rules';
import { postView, targetKey, type PostRecord, type PostTarget, type TargetState } from './post';
import { queueIfDueSoon } from './queue-due-posts';
import { recordAudit } from '../../../platform/core/record-audit';

export { APPROVAL_RULES_KEY };

async function rulesOf(deps: Pick<CalendarDeps, 'settings'>, tenantId: string): Promise<ApprovalRule[]> {
  return (await deps.settings.get<{ rules: ApprovalRule[] }>(tenantId, APPROVAL_RULES_KEY))?.rules ?? [];
}

/** Each target must be a Page or Instagram account the tenant selected on an active connection. */
async function resolveTargets(
  deps: Pick<CalendarDeps, 'connections'>,
  tenantId: string,
  targets: PostTarget[],
) {
  const connections = (await deps.connections.list(tenantId)).filter(
    (c) => c.status === 'active' || c.status === 'expiring',
  );
  const states: Record<string, TargetState> = {};
  const issues = targets.flatMap((t, i) => {
    const kind = t.type === 'facebook_page' ? 'pages' : 'instagramAccounts';
    const c = connections.find((x) => x.selection[kind].includes(t.id));
    if (!c)
      return [
        {
          field: `body.targets.${i}.id`,
          message: `${t.id} is not a selected ${t.type} of an active connection`,
        },
      ];
    states[targetKey(t)] = { connectionId: c.connectionId, status: 'pending' };
    return [];
  });
  return { states, issues };
}

async function auditPost(
  deps: Pick<CalendarDeps, 'audit' | 'ids' | 'clock'>,
  p: PostRecord,
  actor: string,
  action: string,
  reason?: string,
) {
  await recordAudit(deps, {
    tenantId: p.tenantId,
    actor,
    action,
    target: `post:${p.id}`,
    result: 'success',
    reason,
    details: { targets: p.targets.map(targetKey), scheduledAt: p.scheduledAt ?? null },
  });
}

async function approve(
  deps: CalendarDeps,
  post: PostRecord,
  by: string,
  ruleId?: string,
): Promise<PostRecord> {
  const now = deps.clock.now().toISOString();
  const approved: PostRecord = {
    ...post,
    status: post.scheduledAt && Date.parse(post.scheduledAt) > Date.parse(now) ? 'scheduled' : 'approved',
    approval: { hash: approvalHash(post), by, at: now, ...(ruleId ? { ruleId } : {}) },
    updatedAt: now,
  };
  await deps.posts.put(approved);
  await auditPost(deps, approved, by, 'post.approve', ruleId ? `rule:${ruleId}` : 'person');
  deps.metrics.count('approvals', { Subject: 'post', By: ruleId ? 'rule' : 'person' });
  await deps.events.publish([
    postEvent(
      'post.approved',
      post.tenantId,
      `post.approved:${post.id}:${approved.approval!.hash}`,
      new Date(now),
      {
        postId: post.id,
        approvedBy: by,
        ruleId: ruleId ?? null,
        scheduledAt: post.scheduledAt ?? null,
      },
    ),
  ]);
  // due within the scheduler's window: queue it now rather than at the next tick; if that fails, the post
  // is back on the due list and the scheduler queues it
  const queued = await queueIfDueSoon(deps, approved).catch(() => false);
  return queued ? ((await deps.posts.get(post.tenantId, post.id)) ?? approved) : approved;
}

export async function createPost(deps: CalendarDeps, tenantId: string, draft: Draft, actor: string) {
  const now = deps.clock.now();
  const issues = validateDraft(draft, now);
  const { states, issues: targetIssues } = await resolveTargets(deps, tenantId, draft.targets);
  if (issues.length + targetIssues.length > 0)
    throw invalid('The post cannot be published as drafted', [...issues, ...targetIssues], 'invalid_post');
  let post: PostRecord = {
    tenantId,
    id: deps.ids.next('post'),
    ...draft,
    status: 'draft',
    targetStates: states,
    createdBy: actor,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.posts.put(post);
  await auditPost(deps, post, actor, 'post.create');
  const decision = decideByRules(await rulesOf(deps, tenantId), actor, draft.targets);
  if (decision.approved) post = await approve(deps, post, `rule:${decision.ruleId}`, decision.ruleId);
  return { ...postView(post), approvalReason: decision.reason };
}

async function requirePost(deps: Pick<CalendarDeps, 'posts'>, tenantId: string, id: string) {
  const p = await deps.posts.get(tenantId, id);
  if (!p) throw notFound(`Post ${id}`);
  return p;
}

/** A field left out keeps its value; `null` removes an optional one (the link, the schedule). */
export type PostPatch = {
  [K in keyof Draft]?: (undefined extends Draft[K] ? Draft[K] | null : Draft[K]) | undefined;
};

const LOCKED = new Set(['publishing', 'published', 'partially_published']);

export async function updatePost(
  deps: CalendarDeps,
  tenantId: string,
  id: string,
  patch: PostPatch,
  actor: string,
) {
  const before = await requirePost(deps, tenantId, id);
  if (LOCKED.has(before.status))
    throw new DomainError(
      'conflict',
      `The post is ${before.status} and can no longer change`,
      `post_${before.status}`,
    );
  const draft: Draft = {
    message: patch.message ?? before.message,
    link: patch.link === null ? undefined : (patch.link ?? before.link),
    media: patch.media ?? before.media,
    targets: patch.targets ?? before.targets,
    scheduledAt: patch.scheduledAt === null ? undefined : (patch.scheduledAt ?? before.scheduledAt),
  };
  const now = deps.clock.now();
  const issues = validateDraft(draft, now);
  const { states, issues: targetIssues } = await resolveTargets(deps, tenantId, draft.targets);
  if (issues.length + targetIssues.length > 0)
    throw invalid('The post cannot be published as drafted', [...issues, ...targetIssues], 'invalid_post');
  // any edit needs a new approval: the old one covered other content
  const { approval: _old, ...rest } = before;
  const after: PostRecord = {
    ...rest,
    ...draft,
    status: 'draft',
    targetStates: states,
    updatedAt: now.toISOString(),
  };
  await deps.posts.put(after);
  await auditPost(deps, after, actor, 'post.edit', before.approval ? 'approval_withdrawn' : undefined);
  return postView(after);
}

export async function deletePost(deps: CalendarDeps, tenantId: string, id: string, actor: string) {
  const p = await requirePost(deps, tenantId, id);
  if (LOCKED.has(p.status))
    throw new DomainError(
      'conflict',
      `The post is ${p.status}; it cannot be deleted here`,
      `post_${p.status}`,
    );
  await deps.posts.delete(tenantId, id);
  await auditPost(deps, p, actor, 'post.delete');
}

export async function approvePost(deps: CalendarDeps, tenantId: string, id: string, actor: string) {
  const p = await requirePost(deps, tenantId, id);
  if (p.status !== 'draft' && p.status !== 'rejected')
    throw new DomainError('conflict', `The post is ${p.status}`, `post_${p.status}`);
  return postView(await approve(deps, p, actor));
}

export async function rejectPost(deps: CalendarDeps, tenantId: string, id: string, actor: string) {
  const p = await requirePost(deps, tenantId, id);
  if (LOCKED.has(p.status)) throw new DomainError('conflict', `The post is ${p.status}`, `post_${p.status}`);
  const { approval: _a, ...rest } = p;
  const after: PostRecord = { ...rest, status: 'rejected', updatedAt: deps.clock.now().toISOString() };
  await deps.posts.put(after);
  await auditPost(deps, after, actor, 'post.reject');
  return postView(after);
}

export async function listPosts(
  deps: Pick<CalendarDeps, 'posts'>,
  tenantId: string,
  page: PageRequest,
  status?: string,
) {
  const out = await deps.posts.list(tenantId, page, status);
  return { items: out.items.map(postView), nextCursor: out.nextCursor };
}

export async function getPost(deps: Pick<CalendarDeps, 'posts'>, tenantId: string, id: string) {
  return postView(await requirePost(deps, tenantId, id));
}
