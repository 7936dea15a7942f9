/**
 * The inbox as the tenant API shows it: conversations (newest activity first, filtered), one
 * conversation with its messages, and the agent's changes (assign, close, label, mark read). Text is
 * decrypted only here, for the tenant that owns it; a conversation of another tenant is not found.
 */
import { notFound } from '../../../platform/core/errors';
import type { PageRequest } from '../../../platform/core/ports';
import type { ConversationFilter, InboxApiDeps } from '../ports';
import {
  STATUS_RANK,
  fieldAad,
  isCommentChannel,
  type ConversationRecord,
  type InboxMessageRecord,
  type MessageStatus,
} from './inbox-model';
import { ContendedWrite } from './inbox-store';
import { windowView } from './messaging-window';
import type { AssistInput, ConversationTurn } from './reply-assistant';
import { TEXT_LIMITS } from './reply-rules';
import { replyView } from './reply-view';
import { recordAudit } from '../../../platform/core/record-audit';

export async function conversationView(deps: Pick<InboxApiDeps, 'cipher' | 'clock'>, c: ConversationRecord) {
  const open = async (cipher: string | null, aad: string) =>
    cipher ? deps.cipher.decrypt(c.tenantId, cipher, aad) : null;
  return {
    id: c.id,
    channel: c.channel,
    assetId: c.assetId,
    connectionId: c.connectionId,
    contact: c.contactId
      ? { id: c.contactId, name: await open(c.contactNameCipher, fieldAad.contactName(c.id)) }
      : null,
    postId: c.postId,
    status: c.status,
    assignee: c.assignee,
    labels: c.labels,
    unread: !!c.lastInboundAt && (!c.readAt || c.lastInboundAt > c.readAt),
    lastMessageAt: c.lastMessageAt,
    lastInboundAt: c.lastInboundAt,
    lastOutboundAt: c.lastOutboundAt,
    lastMessage:
      c.previewDirection && c.lastMessageAt
        ? { direction: c.previewDirection, text: await open(c.previewCipher, fieldAad.preview(c.id)) }
        : null,
    replyWindow: windowView(c.channel, c.lastInboundAt, deps.clock.now()),
    classification: c.classification,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Messenger and Instagram report reads and deliveries as watermarks: a message before it was read. */
function effectiveStatus(m: InboxMessageRecord, c: ConversationRecord): MessageStatus | null {
  let status = m.status;
  if (m.direction !== 'outbound' || !m.sentAt) return status;
  const raise = (s: MessageStatus) => {
    if (!status || STATUS_RANK[s] > STATUS_RANK[status]) status = s;
  };
  if (c.contactDeliveredAt && m.sentAt <= c.contactDeliveredAt) raise('delivered');
  if (c.contactReadAt && m.sentAt <= c.contactReadAt) raise('read');
  return status;
}

export async function messageView(
  deps: Pick<InboxApiDeps, 'cipher'>,
  m: InboxMessageRecord,
  c: ConversationRecord,
) {
  return {
    id: m.id,
    metaId: m.metaId,
    direction: m.direction,
    kind: m.kind,
    authorId: m.authorId,
    text: m.textCipher
      ? await deps.cipher.decrypt(m.tenantId, m.textCipher, fieldAad.messageText(m.id))
      : null,
    attachments: m.attachments,
    parentMetaId: m.parentMetaId,
    sentAt: m.sentAt,
    edited: m.edited,
    deleted: m.deletedAt !== null,
    hidden: m.hidden,
    status: effectiveStatus(m, c),
    statusAt: m.statusAt,
    error: m.statusError,
    replyId: m.replyId,
  };
}

export async function requireConversation(deps: Pick<InboxApiDeps, 'inbox'>, tenantId: string, id: string) {
  const c = await deps.inbox.getConversation(tenantId, id);
  // a conversation made only by a watermark has no message yet: nothing to show
  if (!c || !c.lastMessageAt) throw notFound(`Conversation ${id}`);
  return c;
}

export async function listConversations(
  deps: Pick<InboxApiDeps, 'inbox' | 'cipher' | 'clock'>,
  tenantId: string,
  filter: ConversationFilter,
  page: PageRequest,
) {
  const out = await deps.inbox.listConversations(tenantId, filter, page);
  return {
    items: await Promise.all(out.items.map((c) => conversationView(deps, c))),
    nextCursor: out.nextCursor,
  };
}

export async function listMessages(deps: InboxApiDeps, tenantId: string, id: string, page: PageRequest) {
  const c = await requireConversation(deps, tenantId, id);
  const out = await deps.inbox.listMessages(tenantId, id, page);
  return {
    items: await Promise.all(out.items.map((m) => messageView(deps, m, c))),
    nextCursor: out.nextCursor,
  };
}

const DETAIL_MESSAGES = 50;

export async function getConversation(deps: InboxApiDeps, tenantId: string, id: string) {
  const c = await requireConversation(deps, tenantId, id);
  const page = await deps.inbox.listMessages(tenantId, id, { limit: DETAIL_MESSAGES });
  const replies = await deps.replies.listForConversation(tenantId, id);
  return {
    ...(await conversationView(deps, c)),
    // oldest first, as a thread reads; `messagesCursor` pages further back
    messages: await Promise.all([...page.items].reverse().map((m) => messageView(deps, m, c))),
    messagesCursor: page.nextCursor,
    replies: await Promise.all(replies.map((r) => replyView(deps, r))),
    engagement:
      isCommentChannel(c.channel) && c.postId
        ? { postReactions: await deps.inbox.countSignals(tenantId, c.postId) }
        : null,
  };
}

export interface ConversationPatch {
  status?: 'open' | 'closed';
  assignee?: string | null;
  labels?: string[];
  read?: boolean;
}

export async function patchConversation(
  deps: InboxApiDeps,
  tenantId: string,
  id: string,
  patch: ConversationPatch,
  actor: string,
) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const c = await requireConversation(deps, tenantId, id);
    const now = deps.clock.now().toISOString();
    const next: ConversationRecord = { ...c, updatedAt: now, rev: c.rev + 1 };
    if (patch.status && patch.status !== c.status) {
      next.status = patch.status;
      next.closedAt = patch.status === 'closed' ? now : null;
    }
    if (patch.assignee !== undefined) next.assignee = patch.assignee;
    if (patch.labels) next.labels = [...new Set(patch.labels)];
    if (patch.read === true) next.readAt = now;
    if (patch.read === false) next.readAt = null;
    if (!(await deps.inbox.putConversation(next, c.rev))) continue;
    await recordAudit(deps, {
      tenantId,
      at: now,
      actor,
      action: 'inbox.conversation.update',
      target: `conversation:${id}`,
      result: 'success',
      details: { changed: Object.keys(patch).sort(), status: next.status, assignee: next.assignee },
    });
    return conversationView(deps, next);
  }
  throw new ContendedWrite('conversation');
}

/** The tenant's own conversation, newest turns last: all an assistant ever sees. */
export async function assistInput(deps: InboxApiDeps, c: ConversationRecord): Promise<AssistInput> {
  const page = await deps.inbox.listMessages(c.tenantId, c.id, { limit: 20 });
  const turns: ConversationTurn[] = [];
  for (const m of [...page.items].reverse()) {
    if (!m.textCipher || m.deletedAt) continue;
    turns.push({
      from: m.direction === 'inbound' ? 'customer' : 'business',
      text: await deps.cipher.decrypt(c.tenantId, m.textCipher, fieldAad.messageText(m.id)),
      at: m.sentAt ?? '',
    });
  }
  return { channel: c.channel, turns, maxChars: TEXT_LIMITS[c.channel].max };
}

export async function classifyConversation(deps: InboxApiDeps, tenantId: string, id: string, actor: string) {
  const c = await requireConversation(deps, tenantId, id);
  const result = await deps.assistant.classify(await assistInput(deps, c));
  const at = deps.clock.now().toISOString();
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await requireConversation(deps, tenantId, id);
    const next = { ...current, classification: { ...result, at }, updatedAt: at, rev: current.rev + 1 };
    if (!(await deps.inbox.putConversation(next, current.rev))) continue;
    await recordAudit(deps, {
      tenantId,
      at,
      actor,
      action: 'inbox.conversation.classify',
      target: `conversation:${id}`,
      result: 'success',
      details: { label: result.label, assistant: deps.assistant.name },
    });
    return conversationView(deps, next);
  }
  throw new ContendedWrite('conversation');
}
