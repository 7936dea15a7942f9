/**
 * What the inbox needs from Meta, in domain terms. The adapter throws
 * MetaGraphError / MetaNetworkError like the rest of the Graph gateway. Sends are not idempotent at
 * Meta: callers read back before repeating one.
 */
export interface GraphComment {
  id: string;
  text: string | null;
  fromId: string | null;
  fromName: string | null;
  parentId: string | null;
  createdTime: Date;
}

export interface GraphThreadMessage {
  id: string;
  text: string | null;
  fromId: string | null;
  createdTime: Date;
}

export interface GraphTemplate {
  name: string;
  language: string;
  status: string;
  category: string | null;
  /** the body component's text, to count its placeholders */
  bodyText: string | null;
}

export type SendMessage = {
  recipientId: string;
  text: string;
  messagingType: 'RESPONSE' | 'MESSAGE_TAG';
  tag: 'HUMAN_AGENT' | null;
};

export type WhatsAppSend =
  | { to: string; text: string }
  | { to: string; template: { name: string; language: string; parameters: string[] } };

export interface InboxGraph {
  /** Messenger Send API: `POST /{page-id}/messages` with the Page token */
  sendMessenger(pageId: string, pageToken: string, m: SendMessage): Promise<{ messageId: string }>;
  /**
   * Instagram messaging with Facebook Login: the linked Page's Send API, `POST /{page-id}/messages`, with
   * the Page token and the person's IGSID as recipient (`/{ig-user-id}/messages` is the separate
   * Instagram Login API on graph.instagram.com):
   * https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message
   */
  sendInstagram(pageId: string, pageToken: string, m: SendMessage): Promise<{ messageId: string }>;
  /** The latest messages of the Page's (or Instagram account's) thread with one person: read-back. */
  threadMessages(
    pageId: string,
    pageToken: string,
    platform: 'messenger' | 'instagram',
    userId: string,
  ): Promise<GraphThreadMessage[]>;
  /** Facebook: `POST /{comment-id}/comments`; Instagram: `POST /{comment-id}/replies` */
  replyToComment(
    platform: 'facebook' | 'instagram',
    commentId: string,
    token: string,
    text: string,
  ): Promise<{ id: string }>;
  /** The replies under a comment: read-back before a repeated comment reply. */
  commentReplies(
    platform: 'facebook' | 'instagram',
    commentId: string,
    token: string,
  ): Promise<GraphComment[]>;
  setCommentHidden(
    platform: 'facebook' | 'instagram',
    commentId: string,
    token: string,
    hidden: boolean,
  ): Promise<void>;
  deleteComment(commentId: string, token: string): Promise<void>;
  /** `POST /{phone-number-id}/messages`; `callbackData` comes back on the status webhooks */
  sendWhatsApp(
    phoneNumberId: string,
    token: string,
    m: WhatsAppSend,
    callbackData: string,
  ): Promise<{ messageId: string }>;
  listTemplates(wabaId: string, token: string): Promise<GraphTemplate[]>;
  /** `POST /{waba-id}/subscribed_apps`: the app receives the WABA's webhooks (repeating it is harmless) */
  subscribeWaba(wabaId: string, token: string): Promise<void>;
  /** Ids of the Page's most recent posts. */
  recentPostIds(pageId: string, pageToken: string): Promise<string[]>;
  /** Every comment of a post (replies included) created after `since`. */
  postComments(postId: string, pageToken: string, since: Date): Promise<GraphComment[]>;
  recentMediaIds(igUserId: string, token: string): Promise<string[]>;
  /** Every comment of a media item, replies included. */
  mediaComments(mediaId: string, token: string): Promise<GraphComment[]>;
}
