/**
 * Stores a message or comment (a webhook's, the sync's, or one of our sent replies) and carries it to
 * its conversation and, for what a person sent, to the public event. Each step is recorded on the
 * message, so a redelivery finishes what a crash interrupted and never repeats what was done.
 * `comment.received` / `message.received` carry ids only: the text stays in the encrypted store.
 */
import { inboxEvent } from '../contracts/events';
import type { InboxDeps } from '../ports';
import { fieldAad, type InboxMessageRecord } from './inbox-model';
import { upsertConversation, upsertMessage } from './inbox-store';
import { mergeConversation, type ConversationEffect } from './merge-conversation';
import { mergeContent, type MergeContext, type MergeOutcome } from './merge-message';
import type { InboxEvent } from './normalize';

export type ContentEvent = Extract<InboxEvent, { type: 'content' }>;

export interface ApplyResult {
  outcome: MergeOutcome | 'recorded';
  reason: string;
  messageId?: string;
  conversationId?: string;
}

const PREVIEW_CHARS = 140;
/** A claimant that has not published within this time is presumed crashed; a redelivery takes over. */
const ANNOUNCE_LEASE_MS = 30_000;

export async function storeContent(
  deps: InboxDeps,
  ev: ContentEvent,
  ctx: MergeContext,
  convCtx: Parameters<typeof mergeConversation>[2],
  replyId: string | null,
  opts: { likelyNew?: boolean } = {},
): Promise<ApplyResult> {
  const { tenantId, messageId, conversationId } = ctx;
  const textCipher =
    ev.text !== null ? await deps.cipher.encrypt(tenantId, ev.text, fieldAad.messageText(messageId)) : null;
  const claimedAt = deps.clock.now().toISOString();
  const m = await upsertMessage(
    deps.inbox,
    tenantId,
    messageId,
    (x) => {
      const merged = mergeContent(x, ev, ctx, { textCipher, replyId });
      // whoever creates a person's message claims its announcement in the same write
      return merged.outcome === 'created' && owesEvent(merged.record) && !merged.record.announceClaimedAt
        ? { ...merged, record: { ...merged.record, announceClaimedAt: claimedAt } }
        : merged;
    },
    opts,
  );
  // a duplicate may still owe its conversation or its event (a crash between the steps)
  const record = m.outcome === 'ignored' ? undefined : m.record;
  if (!record || !record.hasContent)
    return { outcome: m.outcome, reason: m.reason, messageId, conversationId };

  if (!record.conversationApplied || m.reason === 'edit_applied') {
    const preview =
      ev.text !== null && !record.deletedAt
        ? await deps.cipher.encrypt(
            tenantId,
            [...ev.text].slice(0, PREVIEW_CHARS).join(''),
            fieldAad.preview(conversationId),
          )
        : null;
    const effect: ConversationEffect =
      m.reason === 'edit_applied' && record.conversationApplied
        ? { kind: 'edited', messageId, previewCipher: preview }
        : {
            kind: 'message',
            messageId,
            at: record.sentAt ?? new Date(ev.at).toISOString(),
            direction: record.direction,
            previewCipher: preview,
            contact: ev.contact
              ? {
                  id: ev.contact.id,
                  fromRoot: ev.contact.fromRoot,
                  nameCipher: ev.contact.name
                    ? await deps.cipher.encrypt(
                        tenantId,
                        ev.contact.name,
                        fieldAad.contactName(conversationId),
                      )
                    : null,
                }
              : null,
            postId: ev.postId,
          };
    await upsertConversation(deps.inbox, tenantId, conversationId, (c) =>
      mergeConversation(c, effect, convCtx),
    );
  }
  const flags: { conversationApplied?: true; eventPublished?: true } = record.conversationApplied
    ? {}
    : { conversationApplied: true };
  if (owesEvent(record)) {
    const claimed =
      (m.outcome === 'created' && record.announceClaimedAt === claimedAt) ||
      (await deps.inbox.claimAnnouncement(
        tenantId,
        messageId,
        claimedAt,
        new Date(Date.parse(claimedAt) - ANNOUNCE_LEASE_MS).toISOString(),
      ));
    if (claimed) {
      await announce(deps, record, ev.postId);
      flags.eventPublished = true;
    }
  }
  if (flags.conversationApplied || flags.eventPublished)
    await deps.inbox.markMessage(tenantId, messageId, flags);
  return { outcome: m.outcome, reason: m.reason, messageId, conversationId };
}

/** A person's message or comment is announced once it has content, unless it was removed first. */
const owesEvent = (r: InboxMessageRecord) =>
  r.direction === 'inbound' && r.hasContent && !r.eventPublished && !r.deletedAt;

async function announce(deps: InboxDeps, m: InboxMessageRecord, postId: string | null): Promise<void> {
  const isComment = m.kind === 'comment' || m.kind === 'mention';
  const type = isComment ? 'comment.received' : 'message.received';
  await deps.events.publish([
    inboxEvent(type, m.tenantId, `${type}:${m.id}`, deps.clock.now(), {
      conversationId: m.conversationId,
      messageId: m.id,
      metaId: m.metaId,
      connectionId: m.connectionId,
      channel: m.channel,
      assetId: m.assetId,
      kind: m.kind,
      sentAt: m.sentAt,
      ...(isComment ? { postId, parentMetaId: m.parentMetaId } : {}),
    }),
  ]);
}
