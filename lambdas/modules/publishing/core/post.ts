/** A calendar post: one draft, one or more targets, each with its own outcome at Meta. */
export type TargetType = 'facebook_page' | 'instagram_account';

export interface PostTarget {
  type: TargetType;
  id: string;
}

export interface PostMedia {
  type: 'image' | 'video';
  url: string;
}

export type PostStatus =
  | 'draft'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'partially_published'
  | 'failed'
  | 'rejected';

export interface TargetState {
  connectionId: string;
  status: 'pending' | 'publishing' | 'published' | 'failed';
  metaId?: string;
  permalink?: string;
  /** why the target failed, in plain words for the calendar */
  error?: string;
  /** the same as a stable code (`not_approved`, `publishing_limit_reached`, …) for programs */
  failureReason?: string;
  /** Instagram: the media container, kept so a retry publishes it instead of making another */
  containerId?: string;
  /** Instagram carousel: the item containers, so the parent is made once from the same items */
  childContainerIds?: string[];
  /** set before a write whose answer may be lost; a retry reads Meta back before writing again */
  writeStartedAt?: string;
  /** a publish job works on the target until then; a duplicate job delivered meanwhile waits */
  leaseUntil?: string;
  publishedAt?: string;
}

export interface Approval {
  hash: string;
  by: string;
  at: string;
  /** the tenant rule that approved it, when no person did */
  ruleId?: string;
}

export interface PostRecord {
  tenantId: string;
  id: string;
  message: string;
  link?: string;
  media: PostMedia[];
  targets: PostTarget[];
  scheduledAt?: string;
  status: PostStatus;
  approval?: Approval;
  targetStates: Record<string, TargetState>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const targetKey = (t: PostTarget) => `${t.type}:${t.id}`;

export function overallStatus(states: TargetState[]): PostStatus {
  if (states.every((s) => s.status === 'published')) return 'published';
  if (states.some((s) => s.status === 'pending' || s.status === 'publishing')) return 'publishing';
  if (states.some((s) => s.status === 'published')) return 'partially_published';
  return 'failed';
}

export function postView(p: PostRecord) {
  return {
    id: p.id,
    message: p.message,
    link: p.link ?? null,
    media: p.media,
    targets: p.targets.map((t) => {
      const s = p.targetStates[targetKey(t)];
      return {
        ...t,
        status: s?.status ?? 'pending',
        metaId: s?.metaId ?? null,
        permalink: s?.permalink ?? null,
        error: s?.error ?? null,
        failureReason: s?.failureReason ?? null,
        publishedAt: s?.publishedAt ?? null,
      };
    }),
    scheduledAt: p.scheduledAt ?? null,
    status: p.status,
    approval: p.approval ? { by: p.approval.by, at: p.approval.at, ruleId: p.approval.ruleId ?? null } : null,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
