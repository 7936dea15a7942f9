/**
 * Meta's inbox webhook payloads as zod shapes. Loose on purpose: Meta adds fields,
 * and an unknown field must never make a delivery unreadable; only what the inbox uses is checked.
 */
import * as z from '../../../platform/contracts/zod';
import { FeedValue, epoch, metaId as id } from '../contracts/meta-feed';

export { FeedValue };

export const IgCommentValue = z.looseObject({
  id,
  text: z.optional(z.string()),
  from: z.optional(z.looseObject({ id, username: z.optional(z.string()) })),
  media: z.optional(z.looseObject({ id })),
  parent_id: z.optional(id),
});

export const IgMentionValue = z.looseObject({ media_id: id, comment_id: z.optional(id) });

const Party = z.looseObject({ id: z.optional(id) });

export const MessagingItem = z.looseObject({
  sender: z.optional(Party),
  recipient: z.optional(Party),
  timestamp: z.optional(epoch),
  message: z.optional(
    z.looseObject({
      mid: z.string().check(z.minLength(1)),
      text: z.optional(z.string()),
      is_echo: z.optional(z.boolean()),
      is_deleted: z.optional(z.boolean()),
      attachments: z.optional(z.array(z.looseObject({ type: z.optional(z.string()) }))),
      reply_to: z.optional(z.looseObject({ mid: z.optional(z.string()) })),
    }),
  ),
  message_edit: z.optional(
    z.looseObject({ mid: z.string().check(z.minLength(1)), text: z.optional(z.string()) }),
  ),
  delivery: z.optional(
    z.looseObject({ mids: z.optional(z.array(z.string())), watermark: z.optional(epoch) }),
  ),
  read: z.optional(z.looseObject({ watermark: z.optional(epoch), mid: z.optional(z.string()) })),
  postback: z.optional(
    z.looseObject({
      title: z.optional(z.string()),
      payload: z.optional(z.string()),
      mid: z.optional(z.string()),
    }),
  ),
});
export type MessagingItem = z.output<typeof MessagingItem>;

const WaText = z.looseObject({ body: z.string() });

export const WhatsAppValue = z.looseObject({
  messaging_product: z.optional(z.string()),
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.optional(z.string()) }),
  contacts: z.optional(
    z.array(
      z.looseObject({
        wa_id: z.optional(z.string()),
        user_id: z.optional(z.string()),
        profile: z.optional(z.looseObject({ name: z.optional(z.string()) })),
      }),
    ),
  ),
  messages: z.optional(
    z.array(
      z.looseObject({
        from: z.optional(z.string()),
        from_user_id: z.optional(z.string()),
        id: z.string().check(z.minLength(1)),
        timestamp: epoch,
        type: z.string(),
        text: z.optional(WaText),
        button: z.optional(z.looseObject({ text: z.optional(z.string()) })),
        interactive: z.optional(
          z.looseObject({
            button_reply: z.optional(z.looseObject({ title: z.optional(z.string()) })),
            list_reply: z.optional(z.looseObject({ title: z.optional(z.string()) })),
          }),
        ),
        image: z.optional(z.looseObject({ caption: z.optional(z.string()) })),
        video: z.optional(z.looseObject({ caption: z.optional(z.string()) })),
        document: z.optional(z.looseObject({ caption: z.optional(z.string()) })),
        context: z.optional(z.looseObject({ id: z.optional(z.string()) })),
      }),
    ),
  ),
  statuses: z.optional(
    z.array(
      z.looseObject({
        id: z.string().check(z.minLength(1)),
        status: z.string(),
        timestamp: epoch,
        recipient_id: z.optional(z.string()),
        recipient_user_id: z.optional(z.string()),
        biz_opaque_callback_data: z.optional(z.string()),
        errors: z.optional(
          z.array(z.looseObject({ code: z.optional(z.number()), title: z.optional(z.string()) })),
        ),
      }),
    ),
  ),
});
export type WhatsAppValue = z.output<typeof WhatsAppValue>;

/** Cloud API errors surfaced without a message (`entry.changes.value.errors`). */
export const WhatsAppErrors = z.looseObject({
  errors: z
    .array(z.looseObject({ code: z.optional(z.number()), title: z.optional(z.string()) }))
    .check(z.maxLength(50)),
});
