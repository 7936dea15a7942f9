/**
 * Messaging (https://developers.facebook.com/docs/messenger-platform/policy-overview): the Messenger Send API and Instagram messaging with Meta's
 * window rules (24 h; HUMAN_AGENT 7 days; the retired tags refused with code 100; a person who never
 * wrote is not found) and errors (`10/2534022` outside the window); the conversations read-back; the
 * WhatsApp Cloud API, which accepts a free-form message outside the 24-hour window and then reports it
 * `failed` with 131047, and sends only approved templates; the WABA's `message_templates`.
 */
import { GraphError, GraphErrors } from './graph-errors';
import {
  deliverSoon,
  messagingPayload,
  simMessages,
  whatsappStatusPayload,
  type SimChannel,
  type SimMessage,
} from './inbox-webhooks';
import { paginate } from './pagination';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { World } from './world';
import { MESSENGER_CONTRACTS, WHATSAPP_CONTRACTS } from './contracts';

const DAY_S = 86_400;
const RETIRED_TAGS = ['CONFIRMED_EVENT_UPDATE', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE'];
const TAGS = ['HUMAN_AGENT', 'NON_PROMOTIONAL_SUBSCRIPTION'];

const isPage = (p: Record<string, string>, w: World) => w.pages.has(p.id ?? '');
const isPhoneNumber = (p: Record<string, string>, w: World) => w.phoneNumbers.has(p.id ?? '');
const isWaba = (p: Record<string, string>, w: World) => w.wabas.has(p.id ?? '');
const isThread = (p: Record<string, string>) => decodeThread(p.id ?? '') !== null;

export const outsideWindow = () =>
  new GraphError({
    code: 10,
    subcode: 2534022,
    message:
      '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
  });

export function threadId(channel: SimChannel, assetId: string, userId: string): string {
  return `t_${Buffer.from(`${channel}:${assetId}:${userId}`, 'utf8').toString('base64url')}`;
}

function decodeThread(id: string): { channel: SimChannel; assetId: string; userId: string } | null {
  if (!id.startsWith('t_')) return null;
  const [channel, assetId, userId] = Buffer.from(id.slice(2), 'base64url').toString('utf8').split(':');
  if ((channel !== 'messenger' && channel !== 'instagram') || !assetId || !userId) return null;
  return { channel, assetId, userId };
}

export function lastInbound(world: World, channel: SimChannel, assetId: string, userId: string) {
  return simMessages(world)
    .filter(
      (m) =>
        m.direction === 'inbound' && m.channel === channel && m.assetId === assetId && m.userId === userId,
    )
    .sort((a, b) => b.createdTime - a.createdTime)[0];
}

function sendMessage(ctx: GraphContext, channel: 'messenger' | 'instagram', assetId: string): unknown {
  const recipient = ctx.args.json('recipient') as { id?: string } | undefined;
  if (!recipient?.id) throw GraphErrors.missingParameter('recipient');
  const message = ctx.args.json('message') as { text?: string } | undefined;
  const text = message?.text;
  if (!text) throw GraphErrors.invalidParameter('(#100) Must send either message or sender action');
  if (channel === 'messenger' && [...text].length > 2000)
    throw GraphErrors.invalidParameter(
      '(#100) Length of param message[text] must be less than or equal to 2000',
    );
  if (channel === 'instagram' && Buffer.byteLength(text, 'utf8') > 1000)
    throw GraphErrors.invalidParameter(
      '(#100) Length of param message[text] must be less than or equal to 1000 bytes',
    );
  const messagingType = ctx.args.str('messaging_type') ?? 'RESPONSE';
  const tag = ctx.args.str('tag') ?? null;
  if (tag && RETIRED_TAGS.includes(tag))
    throw GraphErrors.invalidParameter(`(#100) Param tag[${tag}] is no longer supported`);
  if (messagingType === 'MESSAGE_TAG' && (!tag || !TAGS.includes(tag)))
    throw GraphErrors.invalidParameter(
      '(#100) Param tag must be one of {HUMAN_AGENT, NON_PROMOTIONAL_SUBSCRIPTION}',
    );
  const last = lastInbound(ctx.world, channel, assetId, recipient.id);
  if (!last)
    throw GraphErrors.invalidParameter('(#100) No matching user found', {
      subcode: channel === 'instagram' ? 2534014 : 2018001,
    });
  const ageS = ctx.now - Math.floor(last.createdTime / 1000);
  const allowed = messagingType === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT' ? 7 * DAY_S : DAY_S;
  if (ageS > allowed) throw outsideWindow();

  const id = channel === 'messenger' ? `m_${ctx.world.ids.alnum(43)}` : `aWdfZAG1${ctx.world.ids.alnum(40)}`;
  const sent: SimMessage = {
    kind: 'inbox-message',
    id,
    channel,
    direction: 'outbound',
    assetId,
    userId: recipient.id,
    userName: null,
    text,
    template: null,
    createdTime: ctx.core.clock.nowMs(),
    status: 'sent',
    messagingType,
    tag,
    callbackData: null,
    error: null,
  };
  ctx.world.messages.push(sent as unknown as Record<string, unknown>);
  const pageId = channel === 'messenger' ? assetId : ctx.world.instagramAccounts.get(assetId)?.pageId;
  const subscribed =
    channel === 'instagram' ||
    (ctx.world.pages
      .get(pageId ?? '')
      ?.subscribedApps.get(ctx.core.appId)
      ?.includes('message_echoes') ??
      false);
  if (ctx.world.inbox.echoes && subscribed)
    deliverSoon(ctx.core, messagingPayload(sent, { echo: true, appId: ctx.core.appId }));
  return { recipient_id: recipient.id, message_id: id };
}

/**
 * The Page's Send API serves both Messenger (a PSID) and, with Facebook Login, Instagram (an IGSID of
 * someone who wrote to the Page's linked Instagram account):
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message
 */
function sendFromPage(ctx: GraphContext): unknown {
  const page = ctx.world.pages.get(ctx.params.id ?? '')!;
  if (!canReachPage(ctx.world, ctx.auth, page.id)) throw GraphErrors.unsupported(ctx.method, page.id);
  const recipientId = (ctx.args.json('recipient') as { id?: string } | undefined)?.id;
  const igAccountId = page.igAccountId;
  if (igAccountId && recipientId && lastInbound(ctx.world, 'instagram', igAccountId, recipientId)) {
    requireScope(ctx.auth, 'instagram_manage_messages');
    return sendMessage(ctx, 'instagram', igAccountId);
  }
  requireScope(ctx.auth, 'pages_messaging');
  return sendMessage(ctx, 'messenger', page.id);
}

function listConversations(ctx: GraphContext): unknown {
  const page = ctx.world.pages.get(ctx.params.id ?? '')!;
  if (!canReachPage(ctx.world, ctx.auth, page.id)) throw GraphErrors.unsupported(ctx.method, page.id);
  const platform = ctx.args.str('platform') ?? 'messenger';
  if (platform !== 'messenger' && platform !== 'instagram')
    throw GraphErrors.invalidParameter('(#100) platform must be one of {messenger, instagram}');
  requireScope(ctx.auth, platform === 'messenger' ? 'pages_messaging' : 'instagram_manage_messages');
  const assetId = platform === 'messenger' ? page.id : page.igAccountId;
  const userId = ctx.args.str('user_id');
  const people = new Map<string, number>();
  for (const m of simMessages(ctx.world)) {
    if (m.channel !== platform || m.assetId !== assetId || (userId && m.userId !== userId)) continue;
    people.set(m.userId, Math.max(people.get(m.userId) ?? 0, m.createdTime));
  }
  const threads = [...people].sort((a, b) => b[1] - a[1]);
  return paginate(ctx, threads, ([user, at]) => ({
    id: threadId(platform, assetId ?? '', user),
    updated_time: new Date(at).toISOString().replace(/\.\d{3}Z$/, '+0000'),
  }));
}

function threadMessages(ctx: GraphContext): unknown {
  const t = decodeThread(ctx.params.id ?? '')!;
  const pageId = t.channel === 'messenger' ? t.assetId : ctx.world.instagramAccounts.get(t.assetId)?.pageId;
  if (!pageId || !canReachPage(ctx.world, ctx.auth, pageId))
    throw GraphErrors.unsupported(ctx.method, ctx.params.id ?? '');
  const messages = simMessages(ctx.world)
    .filter((m) => m.channel === t.channel && m.assetId === t.assetId && m.userId === t.userId)
    .sort((a, b) => b.createdTime - a.createdTime);
  return paginate(ctx, messages, (m) => ({
    id: m.id,
    message: m.text ?? '',
    created_time: new Date(m.createdTime).toISOString().replace(/\.\d{3}Z$/, '+0000'),
    from: { id: m.direction === 'outbound' ? m.assetId : m.userId },
  }));
}

/** A WABA and its numbers are reached by a person in the owning business. */
export function reachableWabaOf(ctx: GraphContext, wabaId: string, reportedId: string) {
  const waba = ctx.world.wabas.get(wabaId);
  const userId = ctx.auth?.record?.userId;
  const business = waba ? ctx.world.businesses.get(waba.businessId) : undefined;
  if (!waba || !userId || !business?.memberUserIds.includes(userId))
    throw GraphErrors.unsupported(ctx.method, reportedId);
  return waba;
}

function whatsappError(code: number, message: string) {
  return new GraphError({ code, message: `(#${code}) ${message}`, type: 'OAuthException' });
}

function sendWhatsApp(ctx: GraphContext): unknown {
  const number = ctx.world.phoneNumbers.get(ctx.params.id ?? '')!;
  const waba = reachableWabaOf(ctx, number.wabaId, number.id);
  requireScope(ctx.auth, 'whatsapp_business_messaging');
  if (ctx.args.str('messaging_product') !== 'whatsapp')
    throw GraphErrors.invalidParameter('(#100) The parameter messaging_product is required.');
  const to = ctx.args.str('to');
  if (!to) throw GraphErrors.missingParameter('to');
  const type = ctx.args.str('type') ?? 'text';
  let text: string | null = null;
  let template: SimMessage['template'] = null;
  if (type === 'text') {
    const body = (ctx.args.json('text') as { body?: string } | undefined)?.body;
    if (!body) throw GraphErrors.invalidParameter('(#100) The parameter text[body] is required.');
    if ([...body].length > 4096)
      throw GraphErrors.invalidParameter('(#100) Param text[body] must be at most 4096 characters long.');
    text = body;
  } else if (type === 'template') {
    const t = ctx.args.json('template') as
      | {
          name?: string;
          language?: { code?: string };
          components?: Array<{ parameters?: Array<{ text?: string }> }>;
        }
      | undefined;
    const found = ctx.world.messageTemplates.find(
      (x) => x.wabaId === waba.id && x.name === t?.name && x.language === t?.language?.code,
    );
    if (!found || found.status !== 'APPROVED')
      throw whatsappError(132001, 'Template name does not exist in the translation');
    const parameters = (t?.components ?? []).flatMap((c) => c.parameters ?? []).map((p) => p.text ?? '');
    const expected = new Set(found.bodyText.match(/\{\{[^}]+\}\}/g) ?? []).size;
    if (parameters.length !== expected)
      throw whatsappError(132000, 'Number of parameters does not match the expected number of params');
    template = { name: found.name, language: found.language, parameters };
  } else {
    throw GraphErrors.invalidParameter(`(#100) Param type ${type} is not supported by the simulator`);
  }
  const last = lastInbound(ctx.world, 'whatsapp', number.id, to);
  const inWindow = !!last && ctx.now - Math.floor(last.createdTime / 1000) <= DAY_S;
  const id = `wamid.${Buffer.from(`sim${ctx.world.ids.alnum(24)}`).toString('base64')}`;
  // Meta takes a free-form message outside the window and fails it afterwards with 131047
  const failed = type === 'text' && !inWindow;
  const sent: SimMessage = {
    kind: 'inbox-message',
    id,
    channel: 'whatsapp',
    direction: 'outbound',
    assetId: number.id,
    userId: to,
    userName: null,
    text,
    template,
    createdTime: ctx.core.clock.nowMs(),
    status: failed ? 'failed' : 'sent',
    messagingType: null,
    tag: null,
    callbackData: ctx.args.str('biz_opaque_callback_data') ?? null,
    error: failed ? { code: 131047, title: 'Re-engagement message' } : null,
  };
  ctx.world.messages.push(sent as unknown as Record<string, unknown>);
  if (ctx.world.inbox.whatsappSentStatus)
    deliverSoon(ctx.core, whatsappStatusPayload(ctx.world, sent, sent.status, ctx.now));
  return {
    messaging_product: 'whatsapp',
    contacts: [{ input: to, wa_id: to }],
    messages: [{ id, ...(template ? { message_status: 'accepted' } : {}) }],
  };
}

function listTemplates(ctx: GraphContext): unknown {
  const waba = reachableWabaOf(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'whatsapp_business_management');
  const templates = ctx.world.messageTemplates.filter((t) => t.wabaId === waba.id);
  return paginate(ctx, templates, (t) => ({
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    ...(t.rejectedReason ? { rejected_reason: t.rejectedReason } : {}),
    components: t.components ?? [{ type: 'BODY', text: t.bodyText }],
  }));
}

function subscribeWaba(ctx: GraphContext): unknown {
  const waba = reachableWabaOf(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'whatsapp_business_management');
  const apps = ctx.world.wabaSubscribedApps.get(waba.id) ?? [];
  if (!apps.includes(ctx.core.appId)) ctx.world.wabaSubscribedApps.set(waba.id, [...apps, ctx.core.appId]);
  return { success: true };
}

function listWabaSubscriptions(ctx: GraphContext): unknown {
  const waba = reachableWabaOf(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'whatsapp_business_management');
  return {
    data: (ctx.world.wabaSubscribedApps.get(waba.id) ?? []).map((id) => ({
      whatsapp_business_api_data: { id, name: id === ctx.core.appId ? ctx.core.appName : `App ${id}` },
    })),
  };
}

export function registerMessagingRoutes(r: GraphRouteRegistry): void {
  r.on(MESSENGER_CONTRACTS.send, sendFromPage, isPage)
    .on(WHATSAPP_CONTRACTS.send, sendWhatsApp, isPhoneNumber)
    .on(MESSENGER_CONTRACTS.conversations, listConversations, isPage)
    .on(MESSENGER_CONTRACTS.messages, threadMessages, isThread)
    .on(WHATSAPP_CONTRACTS.templates, listTemplates, isWaba)
    .on(WHATSAPP_CONTRACTS.subscribe, subscribeWaba, isWaba)
    .on(WHATSAPP_CONTRACTS.subscriptions, listWabaSubscriptions, isWaba);
}
