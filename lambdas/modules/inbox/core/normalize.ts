/**
 * One ingest event (a single webhook change or messaging item) → the inbox events it means, in one
 * vocabulary for every channel: content (a message or comment, new or edited), its removal, its
 * visibility, a delivery status, a read/delivery watermark, a reaction. What the inbox does not keep is
 * returned as a reason, never dropped silently.
 */
import type { Channel, Direction, MessageKind, MessageStatus } from './inbox-model';
import {
  FeedValue,
  IgCommentValue,
  IgMentionValue,
  MessagingItem,
  WhatsAppErrors,
  WhatsAppValue,
} from './meta-payloads';

interface Where {
  channel: Channel;
  assetId: string;
  /** the person, or the thread's top-level comment */
  threadKey: string;
}

export type InboxEvent =
  | (Where & {
      type: 'content';
      metaId: string;
      direction: Direction;
      kind: MessageKind;
      authorId: string | null;
      /** the contact of the conversation, when this item names it */
      contact: { id: string; name: string | null; fromRoot: boolean } | null;
      postId: string | null;
      parentMetaId: string | null;
      text: string | null;
      attachments: Array<{ type: string }>;
      /** ms; the time of this version (an edit's time for an edit) */
      at: number;
      /** ms; when the item was first created, when this event tells */
      createdAt: number | null;
      edit: boolean;
    })
  | (Where & { type: 'removed'; metaId: string; postId: string | null; at: number })
  | (Where & { type: 'visibility'; metaId: string; hidden: boolean; at: number })
  | (Where & {
      type: 'status';
      metaId: string;
      status: MessageStatus;
      at: number;
      error: string | null;
      /** our reply id, echoed back by WhatsApp from `biz_opaque_callback_data` */
      callbackData: string | null;
    })
  | (Where & { type: 'watermark'; watermark: 'read' | 'delivered'; at: number })
  | (Where & {
      type: 'reaction';
      objectId: string;
      userId: string;
      reaction: string | null;
      removed: boolean;
      at: number;
    });

export interface IngestInput {
  object: string;
  field: string;
  entryId: string;
  entryTimeMs: number | null;
  value: unknown;
}

export interface Normalized {
  events: InboxEvent[];
  /** why (parts of) the input produced nothing */
  ignored: string[];
}

const ms = (t: number): number => (t < 1e12 ? t * 1000 : t);

export function normalizeInbox(input: IngestInput, receivedAtMs: number): Normalized {
  const fallback = input.entryTimeMs ?? receivedAtMs;
  if (input.object === 'page' && input.field === 'feed') return feed(input, fallback);
  if (input.object === 'instagram' && input.field === 'comments') return igComment(input, fallback);
  if (input.object === 'instagram' && input.field === 'mentions') return igMention(input, fallback);
  if (input.object === 'whatsapp_business_account' && input.field === 'messages')
    return whatsapp(input.value);
  if (input.object === 'page' || input.object === 'instagram') return messaging(input, fallback);
  return { events: [], ignored: [`not_an_inbox_field_${input.object}.${input.field}`] };
}

function feed(input: IngestInput, fallback: number): Normalized {
  const parsed = FeedValue.safeParse(input.value);
  if (!parsed.success) return { events: [], ignored: ['feed_value_invalid'] };
  const v = parsed.data;
  const pageId = input.entryId;
  const at = v.created_time !== undefined ? ms(v.created_time) : fallback;
  if (v.item === 'reaction') {
    const objectId = v.comment_id ?? v.post_id;
    if (!objectId || !v.from) return { events: [], ignored: ['reaction_without_object_or_person'] };
    return {
      events: [
        {
          type: 'reaction',
          channel: 'facebook_comment',
          assetId: pageId,
          threadKey: objectId,
          objectId,
          userId: v.from.id,
          reaction: v.reaction_type ?? null,
          removed: v.verb === 'remove',
          at,
        },
      ],
      ignored: [],
    };
  }
  if (v.item !== 'comment') return { events: [], ignored: [`feed_item_${v.item}_not_kept`] };
  if (!v.comment_id) return { events: [], ignored: ['comment_without_id'] };
  const postId = v.post_id ?? v.post?.id ?? null;
  // a top-level comment's parent is the post; a reply's is the top-level comment (Facebook nests two levels)
  const isRoot = !v.parent_id || v.parent_id === postId;
  const threadKey = isRoot ? v.comment_id : v.parent_id!;
  const where: Where = { channel: 'facebook_comment', assetId: pageId, threadKey };
  switch (v.verb) {
    case 'remove':
    case 'delete':
      return { events: [{ ...where, type: 'removed', metaId: v.comment_id, postId, at }], ignored: [] };
    case 'hide':
    case 'unhide':
      return {
        events: [{ ...where, type: 'visibility', metaId: v.comment_id, hidden: v.verb === 'hide', at }],
        ignored: [],
      };
    case 'add':
    case 'edited':
    case 'edit': {
      const fromPage = v.from?.id === pageId;
      return {
        events: [
          {
            ...where,
            type: 'content',
            metaId: v.comment_id,
            direction: fromPage ? 'outbound' : 'inbound',
            kind: 'comment',
            authorId: v.from?.id ?? null,
            contact:
              v.from && !fromPage ? { id: v.from.id, name: v.from.name ?? null, fromRoot: isRoot } : null,
            postId,
            parentMetaId: isRoot ? null : v.parent_id!,
            text: v.message ?? null,
            attachments: [],
            at,
            createdAt: v.verb === 'add' ? at : null,
            edit: v.verb !== 'add',
          },
        ],
        ignored: [],
      };
    }
    default:
      return { events: [], ignored: [`comment_verb_${v.verb}_not_kept`] };
  }
}

function igComment(input: IngestInput, fallback: number): Normalized {
  const parsed = IgCommentValue.safeParse(input.value);
  if (!parsed.success) return { events: [], ignored: ['instagram_comment_invalid'] };
  const v = parsed.data;
  const igId = input.entryId;
  const fromBusiness = v.from?.id === igId;
  const isRoot = !v.parent_id;
  return {
    events: [
      {
        type: 'content',
        channel: 'instagram_comment',
        assetId: igId,
        threadKey: v.parent_id ?? v.id,
        metaId: v.id,
        direction: fromBusiness ? 'outbound' : 'inbound',
        kind: 'comment',
        authorId: v.from?.id ?? null,
        contact:
          v.from && !fromBusiness ? { id: v.from.id, name: v.from.username ?? null, fromRoot: isRoot } : null,
        postId: v.media?.id ?? null,
        parentMetaId: v.parent_id ?? null,
        text: v.text ?? null,
        attachments: [],
        // Instagram's comment payload carries no time of its own: the notification's time stands in
        at: fallback,
        createdAt: fallback,
        edit: false,
      },
    ],
    ignored: [],
  };
}

function igMention(input: IngestInput, fallback: number): Normalized {
  const parsed = IgMentionValue.safeParse(input.value);
  if (!parsed.success) return { events: [], ignored: ['instagram_mention_invalid'] };
  const v = parsed.data;
  const metaId = v.comment_id ?? v.media_id;
  return {
    events: [
      {
        type: 'content',
        channel: 'instagram_comment',
        assetId: input.entryId,
        threadKey: metaId,
        metaId,
        direction: 'inbound',
        kind: 'mention',
        authorId: null,
        contact: null,
        postId: v.media_id,
        parentMetaId: null,
        // Meta sends only ids for a mention: the text is on someone else's media
        text: null,
        attachments: [],
        at: fallback,
        createdAt: fallback,
        edit: false,
      },
    ],
    ignored: [],
  };
}

function messaging(input: IngestInput, fallback: number): Normalized {
  const parsed = MessagingItem.safeParse(input.value);
  if (!parsed.success) return { events: [], ignored: ['messaging_item_invalid'] };
  const v = parsed.data;
  const channel: Channel = input.object === 'instagram' ? 'instagram_dm' : 'messenger';
  const assetId = input.entryId;
  const at = v.timestamp !== undefined ? ms(v.timestamp) : fallback;
  const sender = v.sender?.id;
  const recipient = v.recipient?.id;
  // the person is whoever is not the business: the sender of what they send, the recipient of echoes
  const fromBusiness = sender === assetId || v.message?.is_echo === true;
  const person = fromBusiness ? recipient : sender;
  if (!person) return { events: [], ignored: ['messaging_without_person'] };
  const where: Where = { channel, assetId, threadKey: person };

  if (v.message) {
    const m = v.message;
    if (m.is_deleted)
      return { events: [{ ...where, type: 'removed', metaId: m.mid, postId: null, at }], ignored: [] };
    return {
      events: [
        {
          ...where,
          type: 'content',
          metaId: m.mid,
          direction: fromBusiness ? 'outbound' : 'inbound',
          kind: 'message',
          authorId: fromBusiness ? assetId : person,
          contact: { id: person, name: null, fromRoot: true },
          postId: null,
          parentMetaId: m.reply_to?.mid ?? null,
          text: m.text ?? null,
          attachments: (m.attachments ?? []).map((a) => ({ type: a.type ?? 'file' })),
          at,
          createdAt: at,
          edit: false,
        },
      ],
      ignored: [],
    };
  }
  if (v.message_edit) {
    return {
      events: [
        {
          ...where,
          type: 'content',
          metaId: v.message_edit.mid,
          direction: fromBusiness ? 'outbound' : 'inbound',
          kind: 'message',
          authorId: fromBusiness ? assetId : person,
          contact: { id: person, name: null, fromRoot: true },
          postId: null,
          parentMetaId: null,
          text: v.message_edit.text ?? null,
          attachments: [],
          at,
          createdAt: null,
          edit: true,
        },
      ],
      ignored: [],
    };
  }
  if (v.postback) {
    // a button press is the person's action and opens the window like a message does
    const metaId = v.postback.mid ?? `postback:${person}:${at}`;
    return {
      events: [
        {
          ...where,
          type: 'content',
          metaId,
          direction: 'inbound',
          kind: 'postback',
          authorId: person,
          contact: { id: person, name: null, fromRoot: true },
          postId: null,
          parentMetaId: null,
          text: v.postback.title ?? null,
          attachments: [],
          at,
          createdAt: at,
          edit: false,
        },
      ],
      ignored: [],
    };
  }
  if (v.delivery) {
    const when = v.delivery.watermark !== undefined ? ms(v.delivery.watermark) : at;
    return {
      events: [
        ...(v.delivery.mids ?? []).map((mid): InboxEvent => ({
          ...where,
          type: 'status',
          metaId: mid,
          status: 'delivered',
          at: when,
          error: null,
          callbackData: null,
        })),
        { ...where, type: 'watermark', watermark: 'delivered', at: when },
      ],
      ignored: [],
    };
  }
  if (v.read) {
    const when = v.read.watermark !== undefined ? ms(v.read.watermark) : at;
    const events: InboxEvent[] = [{ ...where, type: 'watermark', watermark: 'read', at: when }];
    // Instagram's `messaging_seen` names the message that was seen
    if (v.read.mid)
      events.unshift({
        ...where,
        type: 'status',
        metaId: v.read.mid,
        status: 'read',
        at: when,
        error: null,
        callbackData: null,
      });
    return { events, ignored: [] };
  }
  return { events: [], ignored: [`messaging_${input.field}_not_kept`] };
}

const WA_STATUS: Record<string, MessageStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

function whatsapp(value: unknown): Normalized {
  const parsed = WhatsAppValue.safeParse(value);
  if (!parsed.success) return { events: [], ignored: ['whatsapp_value_invalid'] };
  const v = parsed.data;
  const assetId = v.metadata.phone_number_id;
  const events: InboxEvent[] = [];
  const ignored: string[] = [];
  // https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
  const errors = WhatsAppErrors.safeParse(value);
  if (errors.success)
    for (const e of errors.data.errors) ignored.push(`whatsapp_error_${e.code ?? 'unknown'}`);
  for (const m of v.messages ?? []) {
    // a username adopter may come with an empty `from`: the business-scoped user id stands in
    const person = m.from || m.from_user_id || v.contacts?.[0]?.user_id;
    if (!person) {
      ignored.push('whatsapp_message_without_person');
      continue;
    }
    if (m.type === 'reaction' || m.type === 'unsupported' || m.type === 'system') {
      ignored.push(`whatsapp_${m.type}_not_kept`);
      continue;
    }
    const contact = v.contacts?.find((c) => c.wa_id === person || c.user_id === person) ?? v.contacts?.[0];
    const text =
      m.text?.body ??
      m.button?.text ??
      m.interactive?.button_reply?.title ??
      m.interactive?.list_reply?.title ??
      m.image?.caption ??
      m.video?.caption ??
      m.document?.caption ??
      null;
    const at = ms(m.timestamp);
    events.push({
      type: 'content',
      channel: 'whatsapp',
      assetId,
      threadKey: person,
      metaId: m.id,
      direction: 'inbound',
      kind: 'message',
      authorId: person,
      contact: { id: person, name: contact?.profile?.name ?? null, fromRoot: true },
      postId: null,
      parentMetaId: m.context?.id ?? null,
      text,
      attachments: ['text', 'button', 'interactive'].includes(m.type) ? [] : [{ type: m.type }],
      at,
      createdAt: at,
      edit: false,
    });
  }
  for (const s of v.statuses ?? []) {
    const status = WA_STATUS[s.status];
    const person = s.recipient_id || s.recipient_user_id;
    if (!status || !person) {
      ignored.push(`whatsapp_status_${s.status}_not_kept`);
      continue;
    }
    const err = s.errors?.[0];
    events.push({
      type: 'status',
      channel: 'whatsapp',
      assetId,
      threadKey: person,
      metaId: s.id,
      status,
      at: ms(s.timestamp),
      error: err ? `${err.code ?? 'error'}${err.title ? `: ${err.title}` : ''}`.slice(0, 200) : null,
      callbackData: s.biz_opaque_callback_data ?? null,
    });
  }
  return { events, ignored };
}
