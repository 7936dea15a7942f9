/**
 * The send worker's job: one approved reply to Meta, at most once. The approval must cover exactly the
 * content; the messaging window is checked again at send time; an attempt whose answer was lost (a
 * timeout, a reset, Messenger's "invalid JSON reply" that may hide a delivered message) is read back
 * from Meta before anything is sent again. Meta's refusals become a plain reason on the reply.
 */
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import type { InboxConnection, InboxDeps } from '../ports';
import {
  MetaGraphError,
  MetaNetworkError,
  classifyGraphError,
} from '../../../platform/core/graph/graph-error';
import { fieldAad, type ConversationRecord } from './inbox-model';
import { decideSend, type SendDecision } from './messaging-window';
import { announceSent, recordFailed, recordSent, updateReply } from './reply-outcome';
import { replyContentHash } from './reply-rules';
import type { ReplyRecord } from './reply-model';

/** A reply whose fate is not known yet: the message goes back to the queue and is tried later. */
export class SendLater extends Error {
  constructor(readonly reason: string) {
    super(`send later: ${reason}`);
    this.name = 'SendLater';
  }
}

/** How long a WhatsApp send without an answer waits for its status webhook before it is sent again. */
export const WHATSAPP_STATUS_GRACE_MS = 120_000;
/** Meta's clock and ours differ a little: a read-back looks this far before the attempt started. */
const READ_BACK_SLACK_MS = 60_000;

export type SendOutcome = { outcome: 'sent' | 'skipped' | 'failed'; reason: string };

const ACTOR = 'system:inbox';

export async function sendReply(
  deps: InboxDeps,
  cmd: { tenantId: string; replyId: string },
): Promise<SendOutcome> {
  const reply = await deps.replies.get(cmd.tenantId, cmd.replyId);
  if (!reply) return { outcome: 'skipped', reason: 'reply_gone' };
  if (reply.status === 'sent') {
    if (!reply.announced) await announceSent(deps, reply, 'announced_late', ACTOR);
    return { outcome: 'skipped', reason: 'already_sent' };
  }
  if (reply.status === 'failed' || reply.status === 'rejected')
    return { outcome: 'skipped', reason: `already_${reply.status}` };
  if (!reply.approval || reply.status === 'draft') return { outcome: 'skipped', reason: 'not_approved' };
  const text = reply.textCipher
    ? await deps.cipher.decrypt(reply.tenantId, reply.textCipher, fieldAad.replyText(reply.id))
    : null;
  if (reply.approval.hash !== replyContentHash(reply, text))
    return fail(deps, reply, 'content_changed_after_approval');

  const c = await deps.inbox.getConversation(reply.tenantId, reply.conversationId);
  if (!c) return fail(deps, reply, 'conversation_gone');
  const connection = await deps.connections.get(reply.tenantId, reply.connectionId);
  if (!connection || connection.status === 'revoked' || connection.status === 'expired')
    return fail(deps, reply, `connection_${connection?.status ?? 'gone'}`);
  const decision = await windowAtSend(deps, reply, c);
  if (!decision.allowed) return fail(deps, reply, decision.reason);
  const access = await tokenFor(deps, connection, reply);
  if (!access) return fail(deps, reply, 'page_token_missing');

  if (reply.sendStartedAt) {
    const back = await readBack(deps, reply, c, access, text);
    if (back.metaId) {
      await recordSent(deps, reply, back.metaId, 'found_on_read_back', ACTOR);
      return { outcome: 'sent', reason: 'found_on_read_back' };
    }
    if (back.wait) throw new SendLater(back.reason);
  }
  const started = await updateReply(deps, reply.tenantId, reply.id, (r) =>
    r.status === 'approved' || r.status === 'sending'
      ? {
          ...r,
          status: 'sending',
          sendStartedAt: deps.clock.now().toISOString(),
          attempts: r.attempts + 1,
          updatedAt: deps.clock.now().toISOString(),
        }
      : null,
  );
  if (!started?.changed) return { outcome: 'skipped', reason: `now_${started?.reply.status ?? 'gone'}` };
  try {
    const metaId = await perform(deps, started.reply, c, access, decision, text);
    await recordSent(deps, started.reply, metaId, 'sent', ACTOR);
    return { outcome: 'sent', reason: 'sent' };
  } catch (err) {
    if (err instanceof MetaNetworkError) throw err;
    if (err instanceof MetaGraphError) {
      // Messenger: "invalid JSON reply" although the message may have gone out — read back next time
      if (err.code === 1 && err.subcode === 1357046) throw new SendLater('answer_unreadable');
      if (reply.type === 'delete' && reply.sendStartedAt && err.code === 100 && err.subcode === 33) {
        await recordSent(deps, started.reply, reply.targetMetaId ?? reply.id, 'already_deleted', ACTOR);
        return { outcome: 'sent', reason: 'already_deleted' };
      }
    }
    const tokenReason = await tokenRefused(deps, connection, err, ACTOR);
    if (tokenReason) return fail(deps, started.reply, `token_invalid_${tokenReason}`);
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      const known = sendErrorReason(err.code, err.subcode);
      if (known || cls.category === 'invalid' || cls.category === 'permission')
        return fail(deps, started.reply, known ?? cls.reason);
    }
    throw err;
  }
}

/** Meta's refusals of a send, in the inbox's words. */
export function sendErrorReason(code: number, subcode: number | undefined): string | null {
  if (code === 10 && subcode === 2534022) return 'outside_messaging_window';
  if (code === 551) return 'person_unreachable';
  if (code === 100 && subcode === 2534014) return 'invalid_recipient';
  if (code === 100 && subcode === 2018001) return 'person_not_found';
  if (code === 131047) return 'outside_customer_service_window';
  if (code === 132001) return 'template_not_found';
  if (code === 132000) return 'template_parameters_mismatch';
  if (code === 10 && subcode === 1893063) return 'page_restricted';
  return null;
}

async function fail(deps: InboxDeps, reply: ReplyRecord, reason: string): Promise<SendOutcome> {
  await recordFailed(deps, reply, reason, ACTOR);
  return { outcome: 'failed', reason };
}

async function windowAtSend(
  deps: InboxDeps,
  reply: ReplyRecord,
  c: ConversationRecord,
): Promise<SendDecision> {
  let templateStatus: string | null | undefined;
  if (reply.template) {
    const catalog = await deps.connections.getAssets(reply.tenantId, reply.connectionId);
    const wabaId = catalog?.whatsappNumbers.find((n) => n.id === reply.assetId)?.wabaId;
    templateStatus = wabaId
      ? ((
          await deps.replies.findTemplate(
            reply.tenantId,
            wabaId,
            reply.template.name,
            reply.template.language,
          )
        )?.status ?? null)
      : null;
  }
  return decideSend({
    channel: reply.channel,
    type: reply.type,
    source: reply.source,
    tag: reply.tag,
    lastInboundAt: c.lastInboundAt,
    now: deps.clock.now(),
    templateStatus,
  });
}

/** The token to act with and, for Pages and Instagram, the Page it belongs to. */
interface Access {
  token: string;
  /** the Page itself, or the Page linked to the Instagram account (its Send API carries Instagram DMs) */
  pageId: string;
}

/** Page token for Pages (and for Instagram through its Page); the connection's token for WhatsApp. */
async function tokenFor(deps: InboxDeps, c: InboxConnection, reply: ReplyRecord): Promise<Access | null> {
  const ctx = { tenantId: c.tenantId, connectionId: c.connectionId };
  if (reply.channel === 'whatsapp') {
    return c.userTokenCiphertext
      ? { token: await deps.vault.decrypt(c.userTokenCiphertext, ctx), pageId: reply.assetId }
      : null;
  }
  let pageId = reply.assetId;
  if (reply.channel === 'instagram_comment' || reply.channel === 'instagram_dm') {
    const catalog = await deps.connections.getAssets(c.tenantId, c.connectionId);
    const ig = catalog?.instagramAccounts.find((a) => a.id === reply.assetId);
    if (!ig) return null;
    pageId = ig.pageId;
  }
  const ciphertext = await deps.connections.pageToken(c.tenantId, c.connectionId, pageId);
  return ciphertext ? { token: await deps.vault.decrypt(ciphertext, ctx), pageId } : null;
}

async function perform(
  deps: InboxDeps,
  reply: ReplyRecord,
  c: ConversationRecord,
  { token, pageId }: Access,
  decision: Extract<SendDecision, { allowed: true }>,
  text: string | null,
): Promise<string> {
  const g = deps.inboxGraph;
  const platform = reply.channel === 'facebook_comment' ? 'facebook' : 'instagram';
  switch (reply.type) {
    case 'hide':
    case 'unhide':
      await g.setCommentHidden(platform, reply.targetMetaId!, token, reply.type === 'hide');
      return reply.targetMetaId!;
    case 'delete':
      await g.deleteComment(reply.targetMetaId!, token);
      return reply.targetMetaId!;
    case 'template':
      return (
        await g.sendWhatsApp(reply.assetId, token, { to: c.threadKey, template: reply.template! }, reply.id)
      ).messageId;
    case 'text':
      break;
  }
  const body = text ?? '';
  switch (reply.channel) {
    case 'messenger':
    case 'instagram_dm': {
      const m = {
        recipientId: c.threadKey,
        text: body,
        messagingType: decision.messagingType ?? 'RESPONSE',
        tag: decision.tag,
      } as const;
      // with Facebook Login both go through the Page's Send API, the person's PSID or IGSID as recipient
      const res =
        reply.channel === 'messenger'
          ? await g.sendMessenger(pageId, token, m)
          : await g.sendInstagram(pageId, token, m);
      return res.messageId;
    }
    case 'whatsapp':
      return (await g.sendWhatsApp(reply.assetId, token, { to: c.threadKey, text: body }, reply.id))
        .messageId;
    case 'facebook_comment':
    case 'instagram_comment':
      return (await g.replyToComment(platform, reply.targetMetaId ?? c.threadKey, token, body)).id;
  }
}

type ReadBack = { metaId: string | null; wait: boolean; reason: string };

/** Did an earlier attempt reach Meta? Looks for it where Meta shows it, before sending again. */
async function readBack(
  deps: InboxDeps,
  reply: ReplyRecord,
  c: ConversationRecord,
  { token, pageId }: Access,
  text: string | null,
): Promise<ReadBack> {
  const since = Date.parse(reply.sendStartedAt!) - READ_BACK_SLACK_MS;
  const g = deps.inboxGraph;
  switch (reply.channel) {
    case 'messenger':
    case 'instagram_dm': {
      const messages = await g.threadMessages(
        pageId,
        token,
        reply.channel === 'messenger' ? 'messenger' : 'instagram',
        c.threadKey,
      );
      const hit = messages.find(
        (m) => m.fromId === reply.assetId && m.text === text && m.createdTime.getTime() >= since,
      );
      return { metaId: hit?.id ?? null, wait: false, reason: hit ? 'found' : 'not_found' };
    }
    case 'facebook_comment':
    case 'instagram_comment': {
      if (reply.type !== 'text') return { metaId: null, wait: false, reason: 'moderation_is_repeatable' };
      const platform = reply.channel === 'facebook_comment' ? 'facebook' : 'instagram';
      const replies = await g.commentReplies(platform, reply.targetMetaId ?? c.threadKey, token);
      const hit = replies.find(
        (m) => m.fromId === reply.assetId && m.text === text && m.createdTime.getTime() >= since,
      );
      return { metaId: hit?.id ?? null, wait: false, reason: hit ? 'found' : 'not_found' };
    }
    case 'whatsapp': {
      // WhatsApp has no way to read a sent message back; its status webhook names our reply instead
      const waited = deps.clock.now().getTime() - Date.parse(reply.sendStartedAt!);
      return waited < WHATSAPP_STATUS_GRACE_MS
        ? { metaId: null, wait: true, reason: 'waiting_for_whatsapp_status' }
        : { metaId: null, wait: false, reason: 'no_status_after_grace' };
    }
  }
}
