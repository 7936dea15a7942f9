/**
 * The {@link InboxGraph} port over the Graph API: Send API, comment replies and moderation, the
 * conversations read-back, WhatsApp Cloud API messages and templates. Nested values travel as JSON
 * strings in form bodies, as Meta's own SDKs send them, except WhatsApp sends, whose body is JSON as in
 * every one of Meta's examples. Sends are never retried blindly (the client
 * repeats only what is marked idempotent); the caller reads back instead.
 */
import type * as z from '../../../platform/contracts/zod';
import type {
  GraphComment,
  GraphTemplate,
  GraphThreadMessage,
  InboxGraph,
  SendMessage,
  WhatsAppSend,
} from '../ports';
import { readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { IdResponse, SuccessResponse, listOf } from '../../../adapters/meta-graph/graph-schemas';
import {
  CommentItem,
  ConversationItem,
  PostIdItem,
  ReplyItem,
  SendResponse,
  TemplateItem,
  ThreadMessageItem,
  WhatsAppSendResponse,
} from './inbox-graph-schemas';

/** Meta writes `+0000`; Date.parse wants `+00:00`. */
const metaDate = (s: string | undefined): Date => {
  const d = new Date((s ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
};

function toComment(c: z.output<typeof ReplyItem>, parentId: string | null): GraphComment {
  return {
    id: c.id,
    text: c.message ?? c.text ?? null,
    fromId: c.from?.id ?? null,
    fromName: c.from?.name ?? c.from?.username ?? c.username ?? null,
    parentId: c.parent?.id ?? c.parent_id ?? parentId,
    createdTime: metaDate(c.created_time ?? c.timestamp),
  };
}

export class InboxGraphGateway implements InboxGraph {
  constructor(
    private readonly client: GraphClient,
    private readonly maxPages = 20,
  ) {}

  private all<T extends z.ZodMiniType>(
    path: string,
    token: string,
    item: T,
    query: Record<string, string | number>,
  ): Promise<Array<z.output<T>>> {
    return readAllPages(this.client, path, { token, item, query, maxPages: this.maxPages });
  }

  private async send(path: string, token: string, m: SendMessage) {
    const res = await this.client.post(path, {
      token,
      form: {
        recipient: JSON.stringify({ id: m.recipientId }),
        messaging_type: m.messagingType,
        tag: m.tag ?? undefined,
        message: JSON.stringify({ text: m.text }),
      },
      schema: SendResponse,
    });
    return { messageId: res.message_id };
  }

  sendMessenger(pageId: string, pageToken: string, m: SendMessage) {
    return this.send(`${pageId}/messages`, pageToken, m);
  }

  /** through the linked Page's Send API (see {@link InboxGraph.sendInstagram}) */
  sendInstagram(pageId: string, pageToken: string, m: SendMessage) {
    return this.send(`${pageId}/messages`, pageToken, m);
  }

  async threadMessages(
    pageId: string,
    pageToken: string,
    platform: 'messenger' | 'instagram',
    userId: string,
  ): Promise<GraphThreadMessage[]> {
    const threads = await this.client.get(`${pageId}/conversations`, {
      token: pageToken,
      query: { platform, user_id: userId, fields: 'id' },
      schema: listOf(ConversationItem),
    });
    const thread = threads.data[0];
    if (!thread) return [];
    const res = await this.client.get(`${thread.id}/messages`, {
      token: pageToken,
      query: { fields: 'id,message,created_time,from', limit: 25 },
      schema: listOf(ThreadMessageItem),
    });
    return res.data.map((m) => ({
      id: m.id,
      text: m.message ?? null,
      fromId: m.from?.id ?? null,
      createdTime: metaDate(m.created_time),
    }));
  }

  async replyToComment(platform: 'facebook' | 'instagram', commentId: string, token: string, text: string) {
    const edge = platform === 'facebook' ? 'comments' : 'replies';
    const res = await this.client.post(`${commentId}/${edge}`, {
      token,
      form: { message: text },
      schema: IdResponse,
    });
    return { id: res.id };
  }

  async commentReplies(platform: 'facebook' | 'instagram', commentId: string, token: string) {
    const res =
      platform === 'facebook'
        ? await this.client.get(`${commentId}/comments`, {
            token,
            query: { fields: 'id,message,from,created_time', order: 'reverse_chronological', limit: 50 },
            schema: listOf(ReplyItem),
          })
        : await this.client.get(`${commentId}/replies`, {
            token,
            query: { fields: 'id,text,from,username,timestamp', limit: 50 },
            schema: listOf(ReplyItem),
          });
    return res.data.map((c) => toComment(c, commentId));
  }

  async setCommentHidden(
    platform: 'facebook' | 'instagram',
    commentId: string,
    token: string,
    hidden: boolean,
  ) {
    // the same state set twice is the same state: safe to repeat after a lost answer
    await this.client.post(commentId, {
      token,
      form: platform === 'facebook' ? { is_hidden: hidden } : { hide: hidden },
      schema: SuccessResponse,
      idempotent: true,
    });
  }

  async deleteComment(commentId: string, token: string) {
    await this.client.delete(commentId, { token, schema: SuccessResponse, idempotent: false });
  }

  /**
   * A JSON body, as every example of Meta's shows:
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/text-messages/
   */
  async sendWhatsApp(phoneNumberId: string, token: string, m: WhatsAppSend, callbackData: string) {
    const content =
      'text' in m
        ? { type: 'text', text: { preview_url: false, body: m.text } }
        : {
            type: 'template',
            template: {
              name: m.template.name,
              language: { code: m.template.language },
              components:
                m.template.parameters.length > 0
                  ? [
                      {
                        type: 'body',
                        parameters: m.template.parameters.map((text) => ({ type: 'text', text })),
                      },
                    ]
                  : [],
            },
          };
    const res = await this.client.post(`${phoneNumberId}/messages`, {
      token,
      json: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: m.to,
        ...content,
        biz_opaque_callback_data: callbackData,
      },
      schema: WhatsAppSendResponse,
    });
    return { messageId: res.messages[0]!.id };
  }

  async listTemplates(wabaId: string, token: string): Promise<GraphTemplate[]> {
    const items = await this.all(`${wabaId}/message_templates`, token, TemplateItem, {
      fields: 'name,language,status,category,components',
      limit: 100,
    });
    return items.map((t) => ({
      name: t.name,
      language: t.language,
      status: t.status,
      category: t.category ?? null,
      bodyText: t.components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? null,
    }));
  }

  async subscribeWaba(wabaId: string, token: string) {
    await this.client.post(`${wabaId}/subscribed_apps`, { token, schema: SuccessResponse, idempotent: true });
  }

  async recentPostIds(pageId: string, pageToken: string) {
    const res = await this.client.get(`${pageId}/feed`, {
      token: pageToken,
      query: { fields: 'id,created_time', limit: 25 },
      schema: listOf(PostIdItem),
    });
    return res.data.map((p) => p.id);
  }

  async postComments(postId: string, pageToken: string, since: Date) {
    const items = await this.all(`${postId}/comments`, pageToken, ReplyItem, {
      fields: 'id,message,from,created_time,parent{id}',
      // every comment of the post, replies included, newest first
      filter: 'stream',
      order: 'reverse_chronological',
      since: Math.floor(since.getTime() / 1000),
      limit: 100,
    });
    return items.map((c) => toComment(c, null));
  }

  async recentMediaIds(igUserId: string, token: string) {
    const res = await this.client.get(`${igUserId}/media`, {
      token,
      query: { fields: 'id,timestamp', limit: 25 },
      schema: listOf(PostIdItem),
    });
    return res.data.map((m) => m.id);
  }

  async mediaComments(mediaId: string, token: string) {
    const items = await this.all(`${mediaId}/comments`, token, CommentItem, {
      fields: 'id,text,timestamp,username,from,replies{id,text,timestamp,username,from}',
      limit: 50,
    });
    return items.flatMap((c) => [
      toComment(c, null),
      ...(c.replies?.data ?? []).map((r) => toComment(r, c.id)),
    ]);
  }
}
