/**
 * Replies and moderation through one approval path. A draft (written by a person, or suggested by the
 * assistant) is checked against Meta's limits and messaging windows when it is made and again when it is
 * approved; it goes to Meta only after a person or a tenant rule approved exactly its content, and a
 * person's approval is remembered for rules that trust content approved once.
 */
import { DomainError, invalid, notFound } from '../../../platform/core/errors';
import { sendCommand } from '../../../platform/contracts/command-contract';
import { updateSetting } from '../../../platform/core/update-setting';
import { ReplySendRequested } from '../contracts/commands';
import type { InboxApiDeps } from '../ports';
import { fieldAad, isCommentChannel, messageIdFor, type ConversationRecord } from './inbox-model';
import { assistInput, requireConversation } from './manage-inbox';
import { decideSend, type SendDecision } from './messaging-window';
import { ttlFor, loadRetention } from '../../../platform/core/retention-policy';
import { updateReply } from './reply-outcome';
import {
  REPLY_RULES_KEY,
  decideReplyApproval,
  priorApprovalKey,
  replyContentHash,
  validateReply,
  type ReplyDraft,
  type ReplyRule,
} from './reply-rules';
import type { ReplyRecord, ReplySource, TemplateRef } from './reply-model';
import { replyView } from './reply-view';
import { recordAudit } from '../../../platform/core/record-audit';

export type NewReply =
  | { type: 'text'; text: string; tag?: 'HUMAN_AGENT' }
  | { type: 'ai_draft'; tag?: 'HUMAN_AGENT' }
  | { type: 'template'; template: TemplateRef }
  | { type: 'hide' | 'unhide' | 'delete'; messageId: string };

async function rulesOf(deps: Pick<InboxApiDeps, 'settings'>, tenantId: string): Promise<ReplyRule[]> {
  return (await deps.settings.get<{ rules: ReplyRule[] }>(tenantId, REPLY_RULES_KEY))?.rules ?? [];
}

async function audit(
  deps: InboxApiDeps,
  r: ReplyRecord,
  actor: string,
  action: string,
  result: 'success' | 'denied' = 'success',
  reason?: string,
) {
  await recordAudit(deps, {
    tenantId: r.tenantId,
    actor,
    action,
    target: `conversation:${r.conversationId}`,
    result,
    reason,
    details: { replyId: r.id, channel: r.channel, type: r.type, source: r.source },
  });
}

/** The template as last synced from the WhatsApp account of the conversation's number. */
async function templateStatus(
  deps: InboxApiDeps,
  c: ConversationRecord,
  t: TemplateRef,
): Promise<{ status: string | null; parameterCount: number | null }> {
  const catalog = await deps.connections.getAssets(c.tenantId, c.connectionId);
  const wabaId = catalog?.whatsappNumbers.find((n) => n.id === c.assetId)?.wabaId;
  if (!wabaId) return { status: null, parameterCount: null };
  const found = await deps.replies.findTemplate(c.tenantId, wabaId, t.name, t.language);
  return { status: found?.status ?? null, parameterCount: found?.parameterCount ?? null };
}

async function sendability(
  deps: InboxApiDeps,
  c: ConversationRecord,
  r: ReplyDraft & { source: ReplySource },
) {
  const decision = decideSend({
    channel: c.channel,
    type: r.type,
    source: r.source,
    tag: r.tag,
    lastInboundAt: c.lastInboundAt,
    now: deps.clock.now(),
    templateStatus: r.template ? (await templateStatus(deps, c, r.template)).status : undefined,
  });
  return decision;
}

function refuse(decision: Extract<SendDecision, { allowed: false }>): never {
  throw new DomainError('conflict', decision.detail, decision.reason);
}

async function requireUsableConnection(deps: InboxApiDeps, c: ConversationRecord) {
  const connection = await deps.connections.get(c.tenantId, c.connectionId);
  if (!connection || connection.status === 'revoked' || connection.status === 'expired')
    throw new DomainError(
      'conflict',
      'The Meta connection of this conversation cannot act now; connect the account again',
      `connection_${connection?.status ?? 'gone'}`,
    );
}

export async function createReply(
  deps: InboxApiDeps,
  tenantId: string,
  conversationId: string,
  input: NewReply,
  actor: string,
) {
  const c = await requireConversation(deps, tenantId, conversationId);
  if (c.channel === 'instagram_comment') {
    const root = await deps.inbox.getMessage(tenantId, messageIdFor(c.channel, c.threadKey));
    if (root?.kind === 'mention')
      throw new DomainError(
        'conflict',
        'A mention is on media of another account and cannot be answered from this inbox',
        'mention_not_answerable',
      );
  }
  let source: ReplySource = 'person';
  let text: string | null = null;
  let targetMetaId: string | null = null;
  const tag = 'tag' in input && input.tag ? input.tag : null;
  if (input.type === 'text') text = input.text;
  if (input.type === 'ai_draft') {
    source = 'ai';
    text = (await deps.assistant.draftReply(await assistInput(deps, c))).text;
  }
  if ('messageId' in input) {
    const target = await deps.inbox.getMessage(tenantId, input.messageId);
    if (!target || target.conversationId !== c.id || !target.hasContent)
      throw invalid('The message is not in this conversation', [
        { field: 'body.messageId', message: `${input.messageId} is not a comment of this conversation` },
      ]);
    if (target.deletedAt && input.type !== 'delete')
      throw new DomainError('conflict', 'The comment was removed', 'comment_removed');
    targetMetaId = target.metaId;
  } else if (isCommentChannel(c.channel)) {
    // Facebook and Instagram nest replies one level: a reply goes under the thread's top-level comment
    targetMetaId = c.threadKey;
    const root = await deps.inbox.getMessage(tenantId, messageIdFor(c.channel, c.threadKey));
    if (root?.deletedAt)
      throw new DomainError('conflict', 'The comment this thread answers was removed', 'comment_removed');
  }
  const draft: ReplyDraft & { source: ReplySource } = {
    type: input.type === 'ai_draft' ? 'text' : input.type,
    text,
    template:
      input.type === 'template' ? { ...input.template, parameters: input.template.parameters ?? [] } : null,
    tag,
    targetMetaId,
    source,
  };
  const issues = validateReply(c.channel, draft);
  if (draft.template) {
    const known = await templateStatus(deps, c, draft.template);
    if (known.parameterCount !== null && known.parameterCount !== draft.template.parameters.length)
      issues.push({
        field: 'body.template.parameters',
        message: `the template takes ${known.parameterCount} parameters, ${draft.template.parameters.length} given`,
      });
  }
  if (issues.length > 0) throw invalid('The reply cannot be sent as drafted', issues, 'invalid_reply');
  const decision = await sendability(deps, c, draft);
  if (!decision.allowed) refuse(decision);
  await requireUsableConnection(deps, c);

  const now = deps.clock.now();
  const id = deps.ids.next('rpl');
  const retention = await loadRetention(deps.settings, tenantId);
  let reply: ReplyRecord = {
    tenantId,
    id,
    conversationId: c.id,
    connectionId: c.connectionId,
    channel: c.channel,
    assetId: c.assetId,
    type: draft.type,
    source,
    textCipher: text !== null ? await deps.cipher.encrypt(tenantId, text, fieldAad.replyText(id)) : null,
    template: draft.template,
    tag,
    targetMetaId,
    status: 'draft',
    statusReason: null,
    approval: null,
    metaId: null,
    sentAt: null,
    sendStartedAt: null,
    attempts: 0,
    announced: false,
    announceClaimedAt: null,
    createdBy: actor,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    rev: 1,
    expiresAt: ttlFor('message', retention, now).expiresAt,
  };
  await deps.replies.put(reply, null);
  await audit(
    deps,
    reply,
    actor,
    'inbox.reply.draft',
    'success',
    source === 'ai' ? `assistant:${deps.assistant.name}` : undefined,
  );

  const key = priorApprovalKey(draft, text);
  const ruling = decideReplyApproval(await rulesOf(deps, tenantId), {
    channel: c.channel,
    assetId: c.assetId,
    type: draft.type,
    source,
    actor,
    previouslyApproved: key ? await deps.replies.wasApproved(tenantId, key) : false,
  });
  if (ruling.approved) reply = await approve(deps, reply, `rule:${ruling.ruleId}`, ruling.ruleId);
  return { ...(await replyView(deps, reply)), approvalReason: ruling.reason, sendReason: decision.reason };
}

async function contentHash(deps: InboxApiDeps, r: ReplyRecord): Promise<string> {
  const text = r.textCipher
    ? await deps.cipher.decrypt(r.tenantId, r.textCipher, fieldAad.replyText(r.id))
    : null;
  return replyContentHash(r, text);
}

/** Binds the approval to exactly this content and queues the send. */
async function approve(
  deps: InboxApiDeps,
  r: ReplyRecord,
  by: string,
  ruleId: string | null,
): Promise<ReplyRecord> {
  const at = deps.clock.now().toISOString();
  const hash = await contentHash(deps, r);
  const res = await updateReply(deps, r.tenantId, r.id, (x) =>
    x.status !== 'draft' && x.status !== 'rejected'
      ? null
      : { ...x, status: 'approved', statusReason: null, approval: { hash, by, at, ruleId }, updatedAt: at },
  );
  if (!res?.changed)
    throw new DomainError(
      'conflict',
      `The reply is ${res?.reply.status ?? 'gone'}`,
      `reply_${res?.reply.status ?? 'gone'}`,
    );
  if (!ruleId) {
    const text = r.textCipher
      ? await deps.cipher.decrypt(r.tenantId, r.textCipher, fieldAad.replyText(r.id))
      : null;
    const key = priorApprovalKey(r, text);
    if (key) await deps.replies.rememberApproved(r.tenantId, r.connectionId, key, at, r.expiresAt);
  }
  await audit(deps, res.reply, by, 'inbox.reply.approve', 'success', ruleId ? `rule:${ruleId}` : 'person');
  deps.metrics.count('approvals', { Subject: 'reply', By: ruleId ? 'rule' : 'person' });
  await sendCommand(deps.commands, ReplySendRequested, { tenantId: r.tenantId, replyId: r.id });
  return res.reply;
}

export async function requireReply(deps: Pick<InboxApiDeps, 'replies'>, tenantId: string, id: string) {
  const r = await deps.replies.get(tenantId, id);
  if (!r) throw notFound(`Reply ${id}`);
  return r;
}

export async function getReply(deps: InboxApiDeps, tenantId: string, id: string) {
  return replyView(deps, await requireReply(deps, tenantId, id));
}

export async function approveReply(deps: InboxApiDeps, tenantId: string, id: string, actor: string) {
  const r = await requireReply(deps, tenantId, id);
  if (r.status !== 'draft' && r.status !== 'rejected')
    throw new DomainError('conflict', `The reply is ${r.status}`, `reply_${r.status}`);
  // the window may have closed since the draft was made
  const c = await requireConversation(deps, tenantId, r.conversationId);
  const decision = await sendability(deps, c, { ...r, text: null, source: r.source });
  if (!decision.allowed) {
    await audit(deps, r, actor, 'inbox.reply.approve', 'denied', decision.reason);
    refuse(decision);
  }
  await requireUsableConnection(deps, c);
  return replyView(deps, await approve(deps, r, actor, null));
}

export async function rejectReply(deps: InboxApiDeps, tenantId: string, id: string, actor: string) {
  const r = await requireReply(deps, tenantId, id);
  const now = deps.clock.now().toISOString();
  const res = await updateReply(deps, tenantId, id, (x) =>
    x.status === 'draft' || x.status === 'approved'
      ? { ...x, status: 'rejected', statusReason: `rejected_by_${actor}`, approval: null, updatedAt: now }
      : null,
  );
  if (!res?.changed) throw new DomainError('conflict', `The reply is ${r.status}`, `reply_${r.status}`);
  await audit(deps, res.reply, actor, 'inbox.reply.reject');
  return replyView(deps, res.reply);
}

/** The tenant's reply approval rules; none until the tenant sets some. */
export async function getReplyRules(deps: Pick<InboxApiDeps, 'settings'>, tenantId: string) {
  return { rules: await rulesOf(deps, tenantId) };
}

/** Replaces the tenant's reply approval rules (audited, naming the rules). */
export async function putReplyRules<T extends { rules: ReadonlyArray<{ id: string }> }>(
  deps: Pick<InboxApiDeps, 'settings' | 'audit' | 'clock' | 'ids'>,
  who: { tenantId: string; actor: string },
  body: T,
): Promise<T> {
  return updateSetting(deps, who, REPLY_RULES_KEY, body, { rules: body.rules.map((r) => r.id) });
}

/** The WhatsApp templates last synced from the tenant's WhatsApp accounts (without connection ids). */
export async function listWhatsAppTemplates(deps: Pick<InboxApiDeps, 'replies'>, tenantId: string) {
  const items = await deps.replies.listTemplates(tenantId);
  return { items: items.map(({ connectionId: _c, ...t }) => t) };
}
