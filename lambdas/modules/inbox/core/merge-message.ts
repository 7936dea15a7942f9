/**
 * How one inbox event changes one stored message, decided without I/O so the out-of-order rules are
 * tested on their own: an edit older than the stored version is ignored, a create arriving after its
 * edit only fills in the creation time, a removal leaves a tombstone that a late create cannot revive
 * (and erases the text), and a status never goes back (a late `delivered` after `read`). An event for a
 * message not seen yet creates a placeholder that the message later completes.
 */
import type { InboxEvent } from './normalize';
import { STATUS_RANK, type InboxMessageRecord } from './inbox-model';

export type MergeOutcome = 'created' | 'updated' | 'duplicate' | 'ignored';

export interface MessageMerge {
  record: InboxMessageRecord;
  outcome: MergeOutcome;
  reason: string;
}

export interface MergeContext {
  tenantId: string;
  connectionId: string;
  conversationId: string;
  messageId: string;
  now: Date;
  /** TTL for an item created now */
  expiresAt: number;
}

type Content = Extract<InboxEvent, { type: 'content' }>;
type Removed = Extract<InboxEvent, { type: 'removed' }>;
type Visibility = Extract<InboxEvent, { type: 'visibility' }>;
type Status = Extract<InboxEvent, { type: 'status' }>;

const iso = (ms: number) => new Date(ms).toISOString();

function placeholder(
  ctx: MergeContext,
  ev: Pick<Content, 'channel' | 'assetId' | 'metaId'>,
  direction: InboxMessageRecord['direction'],
): InboxMessageRecord {
  return {
    tenantId: ctx.tenantId,
    id: ctx.messageId,
    connectionId: ctx.connectionId,
    conversationId: ctx.conversationId,
    channel: ev.channel,
    assetId: ev.assetId,
    metaId: ev.metaId,
    direction,
    kind: ev.channel === 'facebook_comment' || ev.channel === 'instagram_comment' ? 'comment' : 'message',
    authorId: null,
    hasContent: false,
    textCipher: null,
    attachments: [],
    parentMetaId: null,
    sentAt: null,
    contentAt: null,
    edited: false,
    deletedAt: null,
    hidden: false,
    visibilityAt: null,
    status: null,
    statusAt: null,
    statusError: null,
    replyId: null,
    eventPublished: false,
    announceClaimedAt: null,
    conversationApplied: false,
    receivedAt: ctx.now.toISOString(),
    rev: 0,
    expiresAt: ctx.expiresAt,
  };
}

export function mergeContent(
  existing: InboxMessageRecord | undefined,
  ev: Content,
  ctx: MergeContext,
  extra: { textCipher: string | null; replyId?: string | null },
): MessageMerge {
  const at = iso(ev.at);
  const createdAt = ev.createdAt !== null ? iso(ev.createdAt) : null;
  if (!existing || !existing.hasContent) {
    const base = existing ?? placeholder(ctx, ev, ev.direction);
    const removed = base.deletedAt !== null;
    const record: InboxMessageRecord = {
      ...base,
      direction: ev.direction,
      kind: ev.kind,
      authorId: ev.authorId,
      hasContent: true,
      // a removal that overtook the message keeps its text from ever being stored
      textCipher: removed ? null : extra.textCipher,
      attachments: ev.attachments,
      parentMetaId: ev.parentMetaId,
      sentAt: createdAt ?? at,
      contentAt: at,
      edited: ev.edit,
      status: base.status ?? (ev.direction === 'inbound' ? 'received' : 'sent'),
      statusAt: base.statusAt ?? at,
      replyId: base.replyId ?? extra.replyId ?? null,
      conversationApplied: false,
    };
    return {
      record,
      outcome: 'created',
      reason: removed ? 'removed_before_create' : existing ? 'completed_placeholder' : 'stored',
    };
  }
  let record = existing;
  const reasons: string[] = [];
  if (extra.replyId && !existing.replyId) {
    record = { ...record, replyId: extra.replyId };
    reasons.push('linked_to_reply');
  }
  if (ev.edit) {
    if (existing.deletedAt)
      return { record, outcome: reasons.length ? 'updated' : 'ignored', reason: 'already_removed' };
    if (existing.contentAt && at < existing.contentAt)
      return { record, outcome: reasons.length ? 'updated' : 'ignored', reason: 'older_edit' };
    if (existing.contentAt === at && existing.edited)
      return { record, outcome: reasons.length ? 'updated' : 'duplicate', reason: 'same_edit' };
    return {
      record: { ...record, textCipher: extra.textCipher, contentAt: at, edited: true },
      outcome: 'updated',
      reason: 'edit_applied',
    };
  }
  // a create arriving after its edit: the newer text stays, the creation time is learnt
  if (createdAt && existing.sentAt && createdAt < existing.sentAt) {
    return { record: { ...record, sentAt: createdAt }, outcome: 'updated', reason: 'create_after_edit' };
  }
  return reasons.length
    ? { record, outcome: 'updated', reason: reasons.join(',') }
    : { record, outcome: 'duplicate', reason: 'already_stored' };
}

export function mergeRemoved(
  existing: InboxMessageRecord | undefined,
  ev: Removed,
  ctx: MergeContext,
): MessageMerge {
  if (existing?.deletedAt) return { record: existing, outcome: 'duplicate', reason: 'already_removed' };
  const base = existing ?? placeholder(ctx, ev, 'inbound');
  return {
    record: { ...base, deletedAt: iso(ev.at), textCipher: null },
    outcome: existing ? 'updated' : 'created',
    reason: existing ? 'removed' : 'removed_before_create',
  };
}

export function mergeVisibility(
  existing: InboxMessageRecord | undefined,
  ev: Visibility,
  ctx: MergeContext,
): MessageMerge {
  const at = iso(ev.at);
  if (existing?.visibilityAt && at < existing.visibilityAt)
    return { record: existing, outcome: 'ignored', reason: 'older_visibility' };
  if (existing && existing.hidden === ev.hidden && existing.visibilityAt === at)
    return { record: existing, outcome: 'duplicate', reason: 'same_visibility' };
  const base = existing ?? placeholder(ctx, ev, 'inbound');
  return {
    record: { ...base, hidden: ev.hidden, visibilityAt: at },
    outcome: existing ? 'updated' : 'created',
    reason: ev.hidden ? 'hidden' : 'unhidden',
  };
}

export function mergeStatus(
  existing: InboxMessageRecord | undefined,
  ev: Status,
  ctx: MergeContext,
): MessageMerge {
  if (existing?.status) {
    const have = STATUS_RANK[existing.status];
    const got = STATUS_RANK[ev.status];
    if (got === have) return { record: existing, outcome: 'duplicate', reason: 'same_status' };
    if (got < have) return { record: existing, outcome: 'ignored', reason: 'status_not_newer' };
  }
  // statuses are for messages the business sent
  const base = existing ?? placeholder(ctx, ev, 'outbound');
  return {
    record: { ...base, status: ev.status, statusAt: iso(ev.at), statusError: ev.error },
    outcome: existing ? 'updated' : 'created',
    reason: existing ? `status_${ev.status}` : 'status_before_message',
  };
}
