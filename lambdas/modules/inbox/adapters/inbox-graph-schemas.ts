/** zod shapes of Meta's answers to the inbox's calls. */
import * as z from 'zod';
import { idString } from '../../../adapters/meta-graph/graph-schemas';

export const SendResponse = z.object({ recipient_id: idString.optional(), message_id: z.string().min(1) });

export const WhatsAppSendResponse = z.object({
  messaging_product: z.string().optional(),
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

export const ConversationItem = z.object({ id: idString });

export const ThreadMessageItem = z.object({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string().optional(),
  from: z.object({ id: idString.optional() }).optional(),
});

const CommentFields = {
  id: idString,
  message: z.string().optional(),
  text: z.string().optional(),
  created_time: z.string().optional(),
  timestamp: z.string().optional(),
  from: z
    .object({ id: idString.optional(), name: z.string().optional(), username: z.string().optional() })
    .optional(),
  username: z.string().optional(),
  parent: z.object({ id: idString }).optional(),
  parent_id: idString.optional(),
};

/** Facebook names the text `message` and the time `created_time`; Instagram `text` and `timestamp`. */
export const ReplyItem = z.object(CommentFields);
export const CommentItem = z.object({
  ...CommentFields,
  replies: z.object({ data: z.array(ReplyItem) }).optional(),
});
export type CommentItem = z.output<typeof ReplyItem>;

export const TemplateItem = z.object({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().optional(),
  components: z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()).default([]),
});

export const PostIdItem = z.object({ id: idString });
