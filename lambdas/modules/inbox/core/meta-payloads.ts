/**
 * Meta's inbox webhook payloads as zod shapes. Loose on purpose: Meta adds fields,
 * and an unknown field must never make a delivery unreadable; only what the inbox uses is checked.
 */
import * as z from 'zod';
import { FeedValue, epoch, metaId as id } from '../contracts/meta-feed';

export { FeedValue };

export const IgCommentValue = z.looseObject({
  id,
  text: z.string().optional(),
  from: z.looseObject({ id, username: z.string().optional() }).optional(),
  media: z.looseObject({ id }).optional(),
  parent_id: id.optional(),
});

export const IgMentionValue = z.looseObject({ media_id: id, comment_id: id.optional() });

const Party = z.looseObject({ id: id.optional() });

export const MessagingItem = z.looseObject({
  sender: Party.optional(),
  recipient: Party.optional(),
  timestamp: epoch.optional(),
  message: z
    .looseObject({
      mid: z.string().min(1),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      attachments: z.array(z.looseObject({ type: z.string().optional() })).optional(),
      reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
    })
    .optional(),
  message_edit: z.looseObject({ mid: z.string().min(1), text: z.string().optional() }).optional(),
  delivery: z.looseObject({ mids: z.array(z.string()).optional(), watermark: epoch.optional() }).optional(),
  read: z.looseObject({ watermark: epoch.optional(), mid: z.string().optional() }).optional(),
  postback: z
    .looseObject({ title: z.string().optional(), payload: z.string().optional(), mid: z.string().optional() })
    .optional(),
});
export type MessagingItem = z.output<typeof MessagingItem>;

const WaText = z.looseObject({ body: z.string() });

export const WhatsAppValue = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.string().optional() }),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        user_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z
    .array(
      z.looseObject({
        from: z.string().optional(),
        from_user_id: z.string().optional(),
        id: z.string().min(1),
        timestamp: epoch,
        type: z.string(),
        text: WaText.optional(),
        button: z.looseObject({ text: z.string().optional() }).optional(),
        interactive: z
          .looseObject({
            button_reply: z.looseObject({ title: z.string().optional() }).optional(),
            list_reply: z.looseObject({ title: z.string().optional() }).optional(),
          })
          .optional(),
        image: z.looseObject({ caption: z.string().optional() }).optional(),
        video: z.looseObject({ caption: z.string().optional() }).optional(),
        document: z.looseObject({ caption: z.string().optional() }).optional(),
        context: z.looseObject({ id: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  statuses: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        status: z.string(),
        timestamp: epoch,
        recipient_id: z.string().optional(),
        recipient_user_id: z.string().optional(),
        biz_opaque_callback_data: z.string().optional(),
        errors: z
          .array(z.looseObject({ code: z.number().optional(), title: z.string().optional() }))
          .optional(),
      }),
    )
    .optional(),
});
export type WhatsAppValue = z.output<typeof WhatsAppValue>;

/** Cloud API errors surfaced without a message (`entry.changes.value.errors`). */
export const WhatsAppErrors = z.looseObject({
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).max(50),
});
