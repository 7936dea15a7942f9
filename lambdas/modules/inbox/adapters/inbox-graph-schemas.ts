/** zod shapes of Meta's answers to the inbox's calls. */
import * as z from '../../../platform/contracts/zod';
import { idString } from '../../../adapters/meta-graph/graph-schemas';

export const SendResponse = z.object({
  recipient_id: z.optional(idString),
  message_id: z.string().check(z.minLength(1)),
});

export const WhatsAppSendResponse = z.object({
  messaging_product: z.optional(z.string()),
  contacts: z.optional(z.array(z.object({ input: z.optional(z.string()), wa_id: z.optional(z.string()) }))),
  messages: z.array(z.object({ id: z.string().check(z.minLength(1)) })).check(z.minLength(1)),
});

export const ConversationItem = z.object({ id: idString });

export const ThreadMessageItem = z.object({
  id: z.string(),
  message: z.optional(z.string()),
  created_time: z.optional(z.string()),
  from: z.optional(z.object({ id: z.optional(idString) })),
});

const CommentFields = {
  id: idString,
  message: z.optional(z.string()),
  text: z.optional(z.string()),
  created_time: z.optional(z.string()),
  timestamp: z.optional(z.string()),
  from: z.optional(
    z.object({ id: z.optional(idString), name: z.optional(z.string()), username: z.optional(z.string()) }),
  ),
  username: z.optional(z.string()),
  parent: z.optional(z.object({ id: idString })),
  parent_id: z.optional(idString),
};

/** Facebook names the text `message` and the time `created_time`; Instagram `text` and `timestamp`. */
export const ReplyItem = z.object(CommentFields);
export const CommentItem = z.object({
  ...CommentFields,
  replies: z.optional(z.object({ data: z.array(ReplyItem) })),
});
export type CommentItem = z.output<typeof ReplyItem>;

export const TemplateItem = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.optional(z.string()),
  components: z._default(z.array(z.looseObject({ type: z.string(), text: z.optional(z.string()) })), []),
});

export const PostIdItem = z.object({ id: idString });
