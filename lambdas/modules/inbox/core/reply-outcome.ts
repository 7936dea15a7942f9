/**
 * A reply's outcome, from whichever side learns it first: the send worker's answer from Meta, a
 * read-back after a lost answer, or a WhatsApp status webhook carrying the reply id back. Only the
 * change that moves the reply to `sent` records the outbound message, the `reply.sent` event and the
 * audit entry, so a reply is announced once however many paths confirm it.
 */
import { inboxEvent } from '../contracts/events';
import { storeContent } from './store-content';
import type { InboxDeps } from '../ports';
import { conversationIdFor, fieldAad, isCommentChannel, messageIdFor } from './inbox-model';
import { upsertConversation, upsertMessage } from './inbox-store';
import { mergeConversation } from './merge-conversation';
import { loadRetention, ttlFor } from '../../../platform/core/retention-policy';
import { mergeRemoved, mergeVisibility } from './merge-message';
import type { InboxEvent } from './normalize';
import { MODERATION_TYPES, type ReplyRecord } from './reply-model';
import { recordAudit } from '../../../platform/core/record-audit';

const ATTEMPTS = 8;

/** Read–change–write of a reply with its revision; `change` returns null to leave it as it is. */
export async function updateReply(
  deps: Pick<InboxDeps, 'replies'>,
  tenantId: string,
  replyId: string,
  change: (r: ReplyRecord) => ReplyRecord | null,
): Promise<{ reply: ReplyRecord; changed: boolean } | undefined> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const r = await deps.replies.get(tenantId, replyId);
    if (!r) return undefined;
    const next = change(r);
    if (!next) return { reply: r, changed: false };
    const written = { ...next, rev: r.rev + 1 };
    if (await deps.replies.put(written, r.rev)) return { reply: written, changed: true };
  }
  throw new Error('reply kept changing under this write');
}

export async function recordSent(
  deps: InboxDeps,
  reply: ReplyRecord,
  metaId: string,
  reason: string,
  actor: string,
): Promise<ReplyRecord | undefined> {
  const now = deps.clock.now().toISOString();
  const res = await updateReply(deps, reply.tenantId, reply.id, (r) =>
    r.status === 'sent'
      ? null
      : {
          ...r,
          status: 'sent',
          statusReason: reason,
          metaId,
          sentAt: now,
          updatedAt: now,
          announceClaimedAt: now,
        },
  );
  if (!res) return undefined;
  // only the change that moved it to `sent` announces it now; a crashed announcer is finished later
  if (res.changed) await recordAnnouncement(deps, res.reply, reason, actor);
  return res.reply;
}

/** A claimant that has not finished announcing within this time is presumed crashed. */
const ANNOUNCE_LEASE_MS = 30_000;

/** Announces a sent reply nobody finished announcing (the worker's redelivery after a crash). */
export async function announceSent(deps: InboxDeps, reply: ReplyRecord, reason: string, actor: string) {
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - ANNOUNCE_LEASE_MS).toISOString();
  const claim = await updateReply(deps, reply.tenantId, reply.id, (r) =>
    r.status !== 'sent' || r.announced || (r.announceClaimedAt !== null && r.announceClaimedAt > stale)
      ? null
      : { ...r, announceClaimedAt: now.toISOString() },
  );
  if (claim?.changed) await recordAnnouncement(deps, claim.reply, reason, actor);
}

/** The sent reply's traces: its message in the conversation, `reply.sent`, and the audit entry. */
async function recordAnnouncement(deps: InboxDeps, reply: ReplyRecord, reason: string, actor: string) {
  await recordInConversation(deps, reply);
  await deps.events.publish([
    inboxEvent('reply.sent', reply.tenantId, `reply.sent:${reply.id}`, deps.clock.now(), {
      replyId: reply.id,
      conversationId: reply.conversationId,
      connectionId: reply.connectionId,
      channel: reply.channel,
      assetId: reply.assetId,
      type: reply.type,
      metaId: reply.metaId,
      approvedBy: reply.approval?.by ?? null,
    }),
  ]);
  await auditReply(deps, reply, actor, 'success', reason);
  await updateReply(deps, reply.tenantId, reply.id, (r) => (r.announced ? null : { ...r, announced: true }));
}

export async function recordFailed(
  deps: InboxDeps,
  reply: ReplyRecord,
  reason: string,
  actor: string,
): Promise<ReplyRecord | undefined> {
  const now = deps.clock.now().toISOString();
  const res = await updateReply(deps, reply.tenantId, reply.id, (r) =>
    r.status === 'failed' && r.statusReason === reason
      ? null
      : { ...r, status: 'failed', statusReason: reason, updatedAt: now },
  );
  if (res?.changed) await auditReply(deps, res.reply, actor, 'failure', reason);
  return res?.reply;
}

export function auditAction(reply: Pick<ReplyRecord, 'type' | 'channel'>): string {
  if (MODERATION_TYPES.includes(reply.type)) return `inbox.comment.${reply.type}`;
  return isCommentChannel(reply.channel) ? 'inbox.comment.reply' : 'inbox.message.send';
}

async function auditReply(
  deps: InboxDeps,
  reply: ReplyRecord,
  actor: string,
  result: 'success' | 'failure',
  reason: string,
) {
  await recordAudit(deps, {
    tenantId: reply.tenantId,
    actor,
    action: auditAction(reply),
    target: `conversation:${reply.conversationId}`,
    result,
    reason: reason.split(':')[0],
    details: {
      replyId: reply.id,
      channel: reply.channel,
      assetId: reply.assetId,
      type: reply.type,
      metaId: reply.metaId,
      approvedBy: reply.approval?.by ?? null,
      ruleId: reply.approval?.ruleId ?? null,
    },
  });
}

/** What the sent reply changed in the conversation: a new outbound message, or a comment's state. */
async function recordInConversation(deps: InboxDeps, reply: ReplyRecord): Promise<void> {
  const conversation = await deps.inbox.getConversation(reply.tenantId, reply.conversationId);
  if (!conversation) return;
  const now = deps.clock.now();
  const base = {
    tenantId: reply.tenantId,
    connectionId: reply.connectionId,
    conversationId: reply.conversationId,
    now,
    // the tenant's retention as it stands now, like any message stored now
    expiresAt: ttlFor('message', await loadRetention(deps.settings, reply.tenantId), now).expiresAt,
  };
  const convCtx = {
    ...base,
    channel: reply.channel,
    assetId: reply.assetId,
    threadKey: conversation.threadKey,
  };
  if (MODERATION_TYPES.includes(reply.type)) {
    if (!reply.targetMetaId) return;
    const messageId = messageIdFor(reply.channel, reply.targetMetaId);
    const where = {
      channel: reply.channel,
      assetId: reply.assetId,
      threadKey: conversation.threadKey,
      metaId: reply.targetMetaId,
      at: now.getTime(),
    };
    const m = await upsertMessage(deps.inbox, reply.tenantId, messageId, (x) =>
      reply.type === 'delete'
        ? mergeRemoved(x, { ...where, type: 'removed', postId: conversation.postId }, { ...base, messageId })
        : mergeVisibility(
            x,
            { ...where, type: 'visibility', hidden: reply.type === 'hide' },
            { ...base, messageId },
          ),
    );
    // a deleted comment's words leave the conversation's preview too
    if (reply.type === 'delete' && m.outcome === 'updated')
      await upsertConversation(deps.inbox, reply.tenantId, reply.conversationId, (c) =>
        mergeConversation(c, { kind: 'removed', messageId }, convCtx),
      );
    return;
  }
  if (!reply.metaId) return;
  const text =
    reply.type === 'template'
      ? `[template ${reply.template?.name ?? ''} (${reply.template?.language ?? ''})]`
      : reply.textCipher
        ? await deps.cipher.decrypt(reply.tenantId, reply.textCipher, fieldAad.replyText(reply.id))
        : null;
  const comment = isCommentChannel(reply.channel);
  const ev: Extract<InboxEvent, { type: 'content' }> = {
    type: 'content',
    channel: reply.channel,
    assetId: reply.assetId,
    threadKey: conversation.threadKey,
    metaId: reply.metaId,
    direction: 'outbound',
    kind: comment ? 'comment' : 'message',
    authorId: reply.assetId,
    contact: null,
    postId: conversation.postId,
    parentMetaId: comment ? (reply.targetMetaId ?? conversation.threadKey) : null,
    text,
    attachments: reply.type === 'template' ? [{ type: 'template' }] : [],
    at: now.getTime(),
    createdAt: now.getTime(),
    edit: false,
  };
  const messageId = messageIdFor(reply.channel, reply.metaId);
  const conversationId = conversationIdFor(reply.channel, reply.assetId, conversation.threadKey);
  await storeContent(
    deps,
    ev,
    { ...base, conversationId, messageId },
    { ...convCtx, conversationId },
    reply.id,
  );
}

/** WhatsApp's codes for a message it took but could not deliver, in words the inbox shows. */
export function whatsappFailureReason(error: string | null): string {
  const code = Number((error ?? '').split(':')[0]);
  if (code === 131047) return 'outside_customer_service_window';
  if (code === 131026) return 'recipient_cannot_receive';
  if (code === 131051) return 'unsupported_message_type';
  return `whatsapp_failed_${Number.isFinite(code) && code > 0 ? code : 'unknown'}`;
}

/** A WhatsApp status that names one of our replies (`biz_opaque_callback_data`) settles it. */
export async function settleReplyFromStatus(
  deps: InboxDeps,
  tenantId: string,
  ev: Extract<InboxEvent, { type: 'status' }>,
): Promise<void> {
  const replyId = ev.callbackData;
  if (!replyId || !/^rpl_[0-9a-z]{26}$/.test(replyId)) return;
  const reply = await deps.replies.get(tenantId, replyId);
  if (!reply || reply.channel !== 'whatsapp' || reply.assetId !== ev.assetId) return;
  if (reply.metaId && reply.metaId !== ev.metaId) return;
  if (ev.status === 'failed') {
    await recordFailed(deps, reply, whatsappFailureReason(ev.error), 'meta');
    return;
  }
  if (reply.status !== 'sent' && reply.status !== 'failed')
    await recordSent(deps, reply, ev.metaId, 'confirmed_by_status', 'system:inbox');
}
