/**
 * `/_sim` controls for the inbox: a person comments, edits or removes a comment, writes a message
 * (Messenger, Instagram, WhatsApp; optionally in the past, to test messaging windows), or receives,
 * reads or fails to receive the business's message. Each answers with the webhook payload it delivered
 * (or would have, with `deliver: false`) so tests can deliver it again, or out of order.
 */
import * as z from 'zod';
import { newCommentId } from './comment-routes';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import {
  deliverPayload,
  feedCommentPayload,
  igCommentPayload,
  messagingPayload,
  receiptPayload,
  simMessages,
  whatsappMessagePayload,
  whatsappStatusPayload,
  type Payload,
  type SimMessage,
} from './inbox-webhooks';
import type { SimComment } from './world';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const NewComment = z
  .object({
    pageId: id.optional(),
    igAccountId: id.optional(),
    /** the post or media; a new one is made when absent */
    postId: id.optional(),
    parentId: id.optional(),
    from: z.object({ id: id.optional(), name: z.string().min(1).optional() }).default({}),
    message: z.string().min(1).max(8000),
    ageSeconds: z.number().int().min(0).default(0),
    deliver: z.boolean().default(true),
  })
  .refine((b) => !!b.pageId !== !!b.igAccountId, { message: 'give pageId or igAccountId' });

const Deliver = z.object({ deliver: z.boolean().default(true) });
const Edit = Deliver.extend({ message: z.string().min(1).max(8000) });

const NewMessage = z.object({
  channel: z.enum(['messenger', 'instagram', 'whatsapp']),
  /** Page, Instagram account or phone number id; the demo one of the channel when absent */
  assetId: id.optional(),
  /** PSID, IGSID or wa_id of the person; a new person when absent */
  from: id.optional(),
  name: z.string().min(1).max(100).optional(),
  text: z.string().min(1).max(4096),
  ageSeconds: z.number().int().min(0).default(0),
  deliver: z.boolean().default(true),
});

const Status = Deliver.extend({ status: z.enum(['delivered', 'read', 'failed']) });

const Behaviour = z.object({ echoes: z.boolean().optional(), whatsappSentStatus: z.boolean().optional() });

const TemplateInput = z.object({
  wabaId: id.optional(),
  name: z.string().regex(/^[a-z0-9_]+$/),
  language: z.string().min(2),
  status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).default('UTILITY'),
  bodyText: z.string().default('Hello {{1}}'),
});

async function send(c: ControlContext, payload: Payload, deliver: boolean) {
  if (!deliver) return { webhook: payload, deliveryStatus: null };
  const result = await deliverPayload(c.core, payload);
  return {
    webhook: payload,
    deliveryStatus: result.status,
    ...(result.error ? { deliveryError: result.error } : {}),
  };
}

async function postComment(c: ControlContext) {
  const input = parseInput(NewComment, c.body);
  const w = c.core.world;
  const now = c.core.now();
  const platform = input.pageId ? 'facebook' : 'instagram';
  const assetId = (input.pageId ?? input.igAccountId)!;
  if (platform === 'facebook' && !w.pages.has(assetId))
    throw new ControlError(404, 'unknown_page', `no Page ${assetId}`);
  if (platform === 'instagram' && !w.instagramAccounts.has(assetId))
    throw new ControlError(404, 'unknown_instagram_account', `no Instagram account ${assetId}`);
  let objectId = input.postId;
  const parent = input.parentId ? w.comments.get(input.parentId) : undefined;
  if (input.parentId && !parent)
    throw new ControlError(404, 'unknown_comment', `no comment ${input.parentId}`);
  if (parent) objectId = parent.objectId;
  if (!objectId) {
    objectId = platform === 'facebook' ? `${assetId}_${w.newId(17, '122')}` : w.newId(17, '18');
    w.posts.push(
      platform === 'facebook'
        ? {
            kind: 'facebook_post',
            id: objectId,
            pageId: assetId,
            message: 'A post people comment on (simulated)',
            link: null,
            createdTime: now - input.ageSeconds - 60,
            permalink: `https://www.facebook.com/${assetId}/posts/${objectId.split('_')[1]}`,
          }
        : {
            kind: 'instagram_media',
            id: objectId,
            igUserId: assetId,
            caption: 'A photo people comment on (simulated)',
            mediaType: 'IMAGE',
            createdTime: now - input.ageSeconds - 60,
            permalink: `https://www.instagram.com/p/${objectId.slice(-11)}/`,
          },
    );
  }
  const comment: SimComment = {
    id: newCommentId(w, platform, objectId),
    platform,
    objectId,
    assetId,
    parentId: parent ? (parent.parentId ?? parent.id) : null,
    from: { id: input.from.id ?? w.ids.digits(16, '2'), name: input.from.name ?? 'Robin Commenter' },
    message: input.message,
    createdTime: now - input.ageSeconds,
    hidden: false,
    deleted: false,
  };
  w.comments.set(comment.id, comment);
  const payload =
    platform === 'facebook' ? feedCommentPayload(comment, 'add', now) : igCommentPayload(comment, now);
  return ok({
    commentId: comment.id,
    postId: objectId,
    from: comment.from,
    ...(await send(c, payload, input.deliver)),
  });
}

function commentOf(c: ControlContext): SimComment {
  const comment = c.core.world.comments.get(c.params.id ?? '');
  if (!comment) throw new ControlError(404, 'unknown_comment', `no comment ${c.params.id ?? ''}`);
  return comment;
}

async function editComment(c: ControlContext) {
  const input = parseInput(Edit, c.body);
  const comment = commentOf(c);
  if (comment.platform !== 'facebook')
    throw new ControlError(409, 'not_editable', 'Instagram comments cannot be edited');
  comment.message = input.message;
  return ok(await send(c, feedCommentPayload(comment, 'edited', c.core.now()), input.deliver));
}

async function removeComment(c: ControlContext) {
  const input = parseInput(Deliver, c.body);
  const comment = commentOf(c);
  comment.deleted = true;
  if (comment.platform !== 'facebook') return ok({ webhook: null, deliveryStatus: null });
  return ok(await send(c, feedCommentPayload(comment, 'remove', c.core.now()), input.deliver));
}

function defaultAsset(c: ControlContext, channel: SimMessage['channel']): string {
  const w = c.core.world;
  const first =
    channel === 'messenger'
      ? [...w.pages.keys()][0]
      : channel === 'instagram'
        ? [...w.instagramAccounts.keys()][0]
        : [...w.phoneNumbers.keys()][0];
  if (!first) throw new ControlError(409, 'no_asset', `the world has no asset for ${channel}`);
  return first;
}

async function postMessage(c: ControlContext) {
  const input = parseInput(NewMessage, c.body);
  const w = c.core.world;
  const assetId = input.assetId ?? defaultAsset(c, input.channel);
  const known =
    input.channel === 'messenger'
      ? w.pages.has(assetId)
      : input.channel === 'instagram'
        ? w.instagramAccounts.has(assetId)
        : w.phoneNumbers.has(assetId);
  if (!known) throw new ControlError(404, 'unknown_asset', `no ${input.channel} asset ${assetId}`);
  const from =
    input.from ??
    (input.channel === 'whatsapp'
      ? w.ids.digits(11, '1555')
      : input.channel === 'instagram'
        ? w.ids.digits(17, '17')
        : w.ids.digits(16, '2'));
  const message: SimMessage = {
    kind: 'inbox-message',
    id:
      input.channel === 'whatsapp'
        ? `wamid.${Buffer.from(`sim${w.ids.alnum(24)}`).toString('base64')}`
        : input.channel === 'instagram'
          ? `aWdfZAG1${w.ids.alnum(40)}`
          : `m_${w.ids.alnum(43)}`,
    channel: input.channel,
    direction: 'inbound',
    assetId,
    userId: from,
    userName: input.name ?? null,
    text: input.text,
    template: null,
    createdTime: c.core.clock.nowMs() - input.ageSeconds * 1000,
    status: 'received',
    messagingType: null,
    tag: null,
    callbackData: null,
    error: null,
  };
  w.messages.push(message as unknown as Record<string, unknown>);
  const payload =
    input.channel === 'whatsapp' ? whatsappMessagePayload(w, message) : messagingPayload(message);
  return ok({ messageId: message.id, from, assetId, ...(await send(c, payload, input.deliver)) });
}

async function messageStatus(c: ControlContext) {
  const input = parseInput(Status, c.body);
  const w = c.core.world;
  const message = simMessages(w).find((m) => m.id === c.params.id);
  if (!message) throw new ControlError(404, 'unknown_message', `no message ${c.params.id ?? ''}`);
  if (message.direction !== 'outbound')
    throw new ControlError(409, 'not_outbound', 'statuses are for the business’s messages');
  if (input.status === 'failed' && message.channel !== 'whatsapp')
    throw new ControlError(409, 'no_failed_receipt', 'Messenger and Instagram report no failed status');
  message.status = input.status;
  if (input.status === 'failed') message.error ??= { code: 131026, title: 'Message undeliverable' };
  const payload =
    message.channel === 'whatsapp'
      ? whatsappStatusPayload(w, message, input.status, c.core.now())
      : receiptPayload(message, input.status as 'delivered' | 'read', c.core.clock.nowMs());
  return ok(await send(c, payload, input.deliver));
}

export const inboxControlRoutes: ControlRoute[] = [
  { method: 'POST', pattern: '/comments', handle: postComment },
  { method: 'POST', pattern: '/comments/:id/edit', handle: editComment },
  { method: 'POST', pattern: '/comments/:id/remove', handle: removeComment },
  { method: 'POST', pattern: '/messages', handle: postMessage },
  { method: 'POST', pattern: '/messages/:id/status', handle: messageStatus },
  {
    method: 'POST',
    pattern: '/inbox',
    handle: (c) => {
      Object.assign(c.core.world.inbox, parseInput(Behaviour, c.body));
      return ok(c.core.world.inbox);
    },
  },
  {
    method: 'POST',
    pattern: '/templates',
    handle: (c) => {
      const input = parseInput(TemplateInput, c.body);
      const w = c.core.world;
      const wabaId = input.wabaId ?? [...w.wabas.keys()][0] ?? '';
      if (!w.wabas.has(wabaId)) throw new ControlError(404, 'unknown_waba', `no WABA ${wabaId}`);
      const existing = w.messageTemplates.find(
        (t) => t.wabaId === wabaId && t.name === input.name && t.language === input.language,
      );
      if (existing)
        Object.assign(existing, { status: input.status, category: input.category, bodyText: input.bodyText });
      else w.messageTemplates.push({ id: w.newId(16, '12'), wabaId, ...input });
      return ok({ templates: w.messageTemplates.filter((t) => t.wabaId === wabaId) });
    },
  },
];
