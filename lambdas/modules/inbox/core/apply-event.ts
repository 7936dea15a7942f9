/**
 * Applies one inbox event for one tenant: content through {@link storeContent}; removals, visibility and
 * statuses onto the message (a placeholder when they overtake it); watermarks onto the conversation;
 * reactions as engagement signals. A WhatsApp status naming one of our replies settles that reply.
 */
import type { InboxConnection, InboxDeps } from '../ports';
import type { RetentionSettings } from '../../../platform/core/retention-policy';
import { ttlFor } from '../../../platform/core/retention-policy';
import { conversationIdFor, messageIdFor } from './inbox-model';
import { upsertConversation, upsertMessage } from './inbox-store';
import { mergeConversation } from './merge-conversation';
import { mergeRemoved, mergeStatus, mergeVisibility, type MergeContext } from './merge-message';
import type { InboxEvent } from './normalize';
import { settleReplyFromStatus } from './reply-outcome';
import { storeContent, type ApplyResult } from './store-content';

export async function applyInboxEvent(
  deps: InboxDeps,
  connection: InboxConnection,
  ev: InboxEvent,
  retention: RetentionSettings,
  /** from a webhook: a new message is the common case (the sync mostly re-reads known comments) */
  source: 'webhook' | 'sync' = 'webhook',
): Promise<ApplyResult> {
  const tenantId = connection.tenantId;
  const now = deps.clock.now();
  const expiresAt = ttlFor('message', retention, now).expiresAt;
  if (ev.type === 'reaction') {
    await deps.inbox.putSignal({
      tenantId,
      connectionId: connection.connectionId,
      objectId: ev.objectId,
      userId: ev.userId,
      reaction: ev.removed ? null : ev.reaction,
      removed: ev.removed,
      at: new Date(ev.at).toISOString(),
      expiresAt,
    });
    return { outcome: 'recorded', reason: ev.removed ? 'reaction_removed' : 'reaction_recorded' };
  }
  const conversationId = conversationIdFor(ev.channel, ev.assetId, ev.threadKey);
  const convCtx = {
    tenantId,
    connectionId: connection.connectionId,
    conversationId,
    channel: ev.channel,
    assetId: ev.assetId,
    threadKey: ev.threadKey,
    now,
    expiresAt,
  };
  if (ev.type === 'watermark') {
    const at = new Date(ev.at).toISOString();
    const m = await upsertConversation(deps.inbox, tenantId, conversationId, (c) =>
      mergeConversation(c, { kind: 'watermark', watermark: ev.watermark, at }, convCtx),
    );
    return {
      outcome: m.changed ? 'updated' : 'duplicate',
      reason: m.reasons.join(',') || 'watermark_not_newer',
      conversationId,
    };
  }
  const messageId = messageIdFor(ev.channel, ev.metaId);
  const ctx: MergeContext = {
    tenantId,
    connectionId: connection.connectionId,
    conversationId,
    messageId,
    now,
    expiresAt,
  };
  if (ev.type === 'content')
    return storeContent(deps, ev, ctx, convCtx, null, { likelyNew: source === 'webhook' && !ev.edit });
  if (ev.type === 'removed') {
    const m = await upsertMessage(deps.inbox, tenantId, messageId, (x) => mergeRemoved(x, ev, ctx));
    if (m.outcome === 'updated' && m.record.hasContent)
      await upsertConversation(deps.inbox, tenantId, conversationId, (c) =>
        mergeConversation(c, { kind: 'removed', messageId }, convCtx),
      );
    return { outcome: m.outcome, reason: m.reason, messageId, conversationId };
  }
  if (ev.type === 'visibility') {
    const m = await upsertMessage(deps.inbox, tenantId, messageId, (x) => mergeVisibility(x, ev, ctx));
    return { outcome: m.outcome, reason: m.reason, messageId, conversationId };
  }
  const m = await upsertMessage(deps.inbox, tenantId, messageId, (x) => mergeStatus(x, ev, ctx));
  if (ev.callbackData) await settleReplyFromStatus(deps, tenantId, ev);
  return { outcome: m.outcome, reason: m.reason, messageId, conversationId };
}
