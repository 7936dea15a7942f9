/**
 * How a message (or a watermark) changes its conversation. Every field moves only forward — the newest
 * message sets the preview, the latest inbound time opens the messaging window, watermarks only grow —
 * so applying the same effect twice, or effects in any order, ends in the same conversation.
 */
import type { Channel, ConversationRecord, Direction } from './inbox-model';

export type ConversationEffect =
  | {
      kind: 'message';
      messageId: string;
      at: string;
      direction: Direction;
      previewCipher: string | null;
      contact: { id: string; nameCipher: string | null; fromRoot: boolean } | null;
      postId: string | null;
    }
  | { kind: 'removed'; messageId: string }
  | { kind: 'edited'; messageId: string; previewCipher: string | null }
  | { kind: 'watermark'; watermark: 'read' | 'delivered'; at: string };

export interface ConversationContext {
  tenantId: string;
  connectionId: string;
  conversationId: string;
  channel: Channel;
  assetId: string;
  threadKey: string;
  now: Date;
  expiresAt: number;
}

export interface ConversationMerge {
  record: ConversationRecord;
  changed: boolean;
  reasons: string[];
}

const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : a >= b ? a : b);

export function newConversation(ctx: ConversationContext): ConversationRecord {
  const now = ctx.now.toISOString();
  return {
    tenantId: ctx.tenantId,
    id: ctx.conversationId,
    connectionId: ctx.connectionId,
    channel: ctx.channel,
    assetId: ctx.assetId,
    threadKey: ctx.threadKey,
    contactId: null,
    contactNameCipher: null,
    contactFromRoot: false,
    postId: null,
    status: 'open',
    closedAt: null,
    assignee: null,
    labels: [],
    lastMessageAt: null,
    lastInboundAt: null,
    lastOutboundAt: null,
    previewCipher: null,
    previewDirection: null,
    previewMessageId: null,
    readAt: null,
    contactReadAt: null,
    contactDeliveredAt: null,
    classification: null,
    createdAt: now,
    updatedAt: now,
    rev: 0,
    expiresAt: ctx.expiresAt,
  };
}

export function mergeConversation(
  existing: ConversationRecord | undefined,
  effect: ConversationEffect,
  ctx: ConversationContext,
): ConversationMerge {
  const before = existing ?? newConversation(ctx);
  const c: ConversationRecord = { ...before };
  const reasons: string[] = existing ? [] : ['created'];
  if (effect.kind === 'watermark') {
    const key = effect.watermark === 'read' ? 'contactReadAt' : 'contactDeliveredAt';
    const next = later(c[key], effect.at);
    if (next !== c[key]) {
      c[key] = next;
      reasons.push(`${effect.watermark}_watermark_moved`);
    }
  } else if (effect.kind === 'removed') {
    if (c.previewMessageId === effect.messageId && c.previewCipher) {
      c.previewCipher = null;
      reasons.push('preview_removed');
    }
  } else if (effect.kind === 'edited') {
    if (c.previewMessageId === effect.messageId) {
      c.previewCipher = effect.previewCipher;
      reasons.push('preview_edited');
    }
  } else {
    if (effect.direction === 'inbound') {
      const next = later(c.lastInboundAt, effect.at);
      if (next !== c.lastInboundAt) {
        c.lastInboundAt = next;
        reasons.push('inbound_moved');
      }
      // the contact wrote again after the conversation was closed
      if (c.status === 'closed' && c.closedAt && effect.at > c.closedAt) {
        c.status = 'open';
        c.closedAt = null;
        reasons.push('reopened');
      }
    } else {
      const next = later(c.lastOutboundAt, effect.at);
      if (next !== c.lastOutboundAt) {
        c.lastOutboundAt = next;
        reasons.push('outbound_moved');
      }
    }
    if (!c.lastMessageAt || effect.at >= c.lastMessageAt) {
      if (c.lastMessageAt !== effect.at || c.previewMessageId !== effect.messageId) {
        c.lastMessageAt = effect.at;
        c.previewCipher = effect.previewCipher;
        c.previewDirection = effect.direction;
        c.previewMessageId = effect.messageId;
        reasons.push('newest_message');
      }
    }
    const contact = effect.contact;
    if (contact && (!c.contactId || (contact.fromRoot && !c.contactFromRoot))) {
      c.contactId = contact.id;
      c.contactNameCipher = contact.nameCipher;
      c.contactFromRoot = contact.fromRoot;
      reasons.push('contact_set');
    } else if (contact && contact.id === c.contactId && !c.contactNameCipher && contact.nameCipher) {
      c.contactNameCipher = contact.nameCipher;
      reasons.push('contact_named');
    }
    if (!c.postId && effect.postId) {
      c.postId = effect.postId;
      reasons.push('post_set');
    }
    // the conversation lives as long as its newest message
    if (ctx.expiresAt > c.expiresAt) c.expiresAt = ctx.expiresAt;
  }
  const changed = reasons.length > 0;
  if (changed) c.updatedAt = ctx.now.toISOString();
  return { record: c, changed, reasons };
}
