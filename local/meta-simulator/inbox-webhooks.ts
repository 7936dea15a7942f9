/**
 * The webhook payloads of the inbox, shaped as Meta sends them: Page `feed`
 * comment changes (Unix seconds), Instagram `comments` changes (no time of their own), Messenger and
 * Instagram `messaging[]` items (milliseconds), WhatsApp `messages` changes with `messages[]` or
 * `statuses[]` (string seconds; the entry id is the WABA, the number is in `metadata`).
 */
import type { SimulatorCore } from './simulator-core';
import { deliverWebhook, metaJsonStringify, type DeliveryResult } from './webhook-sender';
import type { SimComment, World } from './world';

export type SimChannel = 'messenger' | 'instagram' | 'whatsapp';
export type SimMessageStatus = 'received' | 'sent' | 'delivered' | 'read' | 'failed';

/** What `world.messages` holds for the inbox (the array is shared with other products). */
export interface SimMessage {
  kind: 'inbox-message';
  id: string;
  channel: SimChannel;
  direction: 'inbound' | 'outbound';
  /** Page, Instagram account or phone number id */
  assetId: string;
  /** PSID, IGSID or wa_id */
  userId: string;
  userName: string | null;
  text: string | null;
  template: { name: string; language: string; parameters: string[] } | null;
  /** ms */
  createdTime: number;
  status: SimMessageStatus;
  messagingType: string | null;
  tag: string | null;
  callbackData: string | null;
  error: { code: number; title: string } | null;
}

export function simMessages(world: World): SimMessage[] {
  return world.messages.filter((m) => m.kind === 'inbox-message') as unknown as SimMessage[];
}

export type Payload = { object: string; entry: unknown[] };

const isoMeta = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');

export function feedCommentPayload(
  c: SimComment,
  verb: 'add' | 'edited' | 'remove' | 'hide' | 'unhide',
  nowS: number,
): Payload {
  return {
    object: 'page',
    entry: [
      {
        id: c.assetId,
        time: nowS,
        changes: [
          {
            field: 'feed',
            value: {
              from: { id: c.from.id, name: c.from.name },
              post: {
                status_type: 'mobile_status_update',
                is_published: true,
                updated_time: isoMeta(nowS),
                promotion_status: 'inactive',
                id: c.objectId,
              },
              ...(verb === 'remove' ? {} : { message: c.message }),
              post_id: c.objectId,
              comment_id: c.id,
              parent_id: c.parentId ?? c.objectId,
              created_time: verb === 'add' ? c.createdTime : nowS,
              item: 'comment',
              verb,
            },
          },
        ],
      },
    ],
  };
}

export function igCommentPayload(c: SimComment, nowS: number): Payload {
  // Instagram's body formatting differs from Messenger's (entry before object)
  return {
    entry: [
      {
        id: c.assetId,
        time: nowS,
        changes: [
          {
            value: {
              from: { id: c.from.id, username: c.from.name },
              media: { id: c.objectId, media_product_type: 'FEED' },
              id: c.id,
              ...(c.parentId ? { parent_id: c.parentId } : {}),
              text: c.message,
            },
            field: 'comments',
          },
        ],
      },
    ],
    object: 'instagram',
  } as unknown as Payload;
}

/** Messenger/Instagram messaging item: a message from the person, or an echo of the business's. */
export function messagingPayload(m: SimMessage, opts: { echo?: boolean; appId?: string } = {}): Payload {
  const business = { id: m.assetId };
  const person = { id: m.userId };
  const fromBusiness = m.direction === 'outbound';
  return {
    object: m.channel === 'instagram' ? 'instagram' : 'page',
    entry: [
      {
        id: m.assetId,
        time: m.createdTime,
        messaging: [
          {
            sender: fromBusiness ? business : person,
            recipient: fromBusiness ? person : business,
            timestamp: m.createdTime,
            message: {
              mid: m.id,
              ...(m.text !== null ? { text: m.text } : {}),
              // Messenger's message_echoes carry the sending app; Instagram's echoes (on `messages`) do not
              ...(opts.echo
                ? {
                    is_echo: true,
                    ...(opts.appId && m.channel !== 'instagram'
                      ? { app_id: Number(opts.appId) || opts.appId }
                      : {}),
                  }
                : {}),
            },
          },
        ],
      },
    ],
  };
}

/**
 * The person's delivery or read receipt for the business's messages (Messenger watermarks, IG `read.mid`).
 * Meta's message_deliveries example has no item timestamp (the watermark is the time); reads have one.
 */
export function receiptPayload(m: SimMessage, status: 'delivered' | 'read', nowMs: number): Payload {
  const item: Record<string, unknown> = {
    sender: { id: m.userId },
    recipient: { id: m.assetId },
    ...(status === 'delivered' ? {} : { timestamp: nowMs }),
  };
  if (status === 'delivered') item.delivery = { mids: [m.id], watermark: nowMs };
  else item.read = m.channel === 'instagram' ? { mid: m.id } : { watermark: nowMs };
  return {
    object: m.channel === 'instagram' ? 'instagram' : 'page',
    entry: [{ id: m.assetId, time: nowMs, messaging: [item] }],
  };
}

export function whatsappMessagePayload(world: World, m: SimMessage): Payload {
  const number = world.phoneNumbers.get(m.assetId);
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number?.wabaId ?? '',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: (number?.displayPhoneNumber ?? '').replace(/\D/g, ''),
                phone_number_id: m.assetId,
              },
              contacts: [{ profile: { name: m.userName ?? 'WhatsApp user' }, wa_id: m.userId }],
              messages: [
                {
                  from: m.userId,
                  id: m.id,
                  timestamp: String(Math.floor(m.createdTime / 1000)),
                  type: 'text',
                  text: { body: m.text ?? '' },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

export function whatsappStatusPayload(
  world: World,
  m: SimMessage,
  status: SimMessageStatus,
  nowS: number,
): Payload {
  const number = world.phoneNumbers.get(m.assetId);
  const failed = status === 'failed' && m.error;
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number?.wabaId ?? '',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: (number?.displayPhoneNumber ?? '').replace(/\D/g, ''),
                phone_number_id: m.assetId,
              },
              statuses: [
                {
                  id: m.id,
                  status,
                  timestamp: String(nowS),
                  recipient_id: m.userId,
                  ...(m.callbackData ? { biz_opaque_callback_data: m.callbackData } : {}),
                  ...(status === 'failed'
                    ? {}
                    : {
                        pricing: {
                          billable: m.template !== null,
                          pricing_model: 'PMP',
                          type: m.template ? 'regular' : 'free_customer_service',
                          category: m.template ? 'utility' : 'service',
                        },
                      }),
                  ...(failed
                    ? {
                        errors: [
                          {
                            code: m.error!.code,
                            title: m.error!.title,
                            error_data: { details: m.error!.title },
                          },
                        ],
                      }
                    : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** Signs and posts a payload to the service now; `{status: 0}` when there is nowhere to send it. */
export async function deliverPayload(core: SimulatorCore, payload: Payload): Promise<DeliveryResult> {
  const url = core.targets.webhookUrl;
  if (!url) return { status: 0, body: null, error: 'no_webhook_url' };
  return deliverWebhook(url, Buffer.from(metaJsonStringify(payload), 'utf8'), core.appSecret);
}

/** What Meta does on its own shortly after answering a call (echoes, `sent` statuses). */
export function deliverSoon(core: SimulatorCore, payload: Payload): void {
  void core
    .sleep(5)
    .then(() => deliverPayload(core, payload))
    .catch(() => undefined);
}
