/**
 * The unified inbox's records. Conversation and message ids are derived from Meta's own ids (a hash), so
 * every delivery of the same Meta object — a webhook, its redelivery, the scheduled sync, an echo of our
 * own send — lands on the same item without a lookup, whatever order they arrive in.
 */
import { stableId } from '../../../platform/core/stable-id';
import { CHANNELS, type Channel } from '../contracts/vocabulary';

export { CHANNELS, stableId, type Channel };

export type AssetType = 'pages' | 'instagramAccounts' | 'whatsappNumbers';

/** The selection a channel's asset belongs to (the webhook route's assetType) and the feature it needs. */
export const CHANNEL_ASSET: Record<Channel, { assetType: AssetType; feature: 'inbox' | 'whatsapp' }> = {
  facebook_comment: { assetType: 'pages', feature: 'inbox' },
  messenger: { assetType: 'pages', feature: 'inbox' },
  instagram_comment: { assetType: 'instagramAccounts', feature: 'inbox' },
  instagram_dm: { assetType: 'instagramAccounts', feature: 'inbox' },
  whatsapp: { assetType: 'whatsappNumbers', feature: 'whatsapp' },
};

export const isCommentChannel = (c: Channel): boolean =>
  c === 'facebook_comment' || c === 'instagram_comment';

export type Direction = 'inbound' | 'outbound';
export type MessageKind = 'message' | 'comment' | 'mention' | 'postback';
export type MessageStatus = 'received' | 'sent' | 'delivered' | 'read' | 'failed';

/** A later status never goes back to an earlier one (a late `delivered` after `read`). */
export const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

export interface Classification {
  label: string;
  confidence: number;
  at: string;
}

export interface ConversationRecord {
  tenantId: string;
  id: string;
  connectionId: string;
  channel: Channel;
  /** Page, Instagram account or WhatsApp phone number id */
  assetId: string;
  /** the person (PSID, IGSID, wa_id) or, for comments, the thread's top-level comment id */
  threadKey: string;
  contactId: string | null;
  contactNameCipher: string | null;
  /** whether the contact came from the top-level comment (a reply's author does not replace it) */
  contactFromRoot: boolean;
  /** the post or media the comments are on */
  postId: string | null;
  status: 'open' | 'closed';
  closedAt: string | null;
  assignee: string | null;
  labels: string[];
  lastMessageAt: string | null;
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  previewCipher: string | null;
  previewDirection: Direction | null;
  /** the message the preview shows: its removal clears the preview */
  previewMessageId: string | null;
  /** when an agent last marked it read */
  readAt: string | null;
  /** the contact's read and delivery watermarks (Messenger, Instagram) */
  contactReadAt: string | null;
  contactDeliveredAt: string | null;
  classification: Classification | null;
  createdAt: string;
  updatedAt: string;
  /** optimistic-concurrency revision */
  rev: number;
  expiresAt: number;
}

export interface InboxMessageRecord {
  tenantId: string;
  id: string;
  connectionId: string;
  conversationId: string;
  channel: Channel;
  assetId: string;
  metaId: string;
  direction: Direction;
  kind: MessageKind;
  authorId: string | null;
  /** false for a placeholder made by a status or deletion that arrived before the message */
  hasContent: boolean;
  textCipher: string | null;
  attachments: Array<{ type: string }>;
  parentMetaId: string | null;
  /** when the author sent it, by Meta's clock */
  sentAt: string | null;
  /** the time of the content version stored: an older edit never replaces a newer one */
  contentAt: string | null;
  edited: boolean;
  deletedAt: string | null;
  hidden: boolean;
  visibilityAt: string | null;
  status: MessageStatus | null;
  statusAt: string | null;
  statusError: string | null;
  /** the reply of ours that produced it */
  replyId: string | null;
  eventPublished: boolean;
  /** who announces it: set before the event is published, so concurrent duplicates publish once */
  announceClaimedAt: string | null;
  conversationApplied: boolean;
  receivedAt: string;
  rev: number;
  expiresAt: number;
}

export const conversationIdFor = (channel: Channel, assetId: string, threadKey: string): string =>
  stableId('cnv', [channel, assetId, threadKey]);

export const messageIdFor = (channel: Channel, metaId: string): string => stableId('msg', [channel, metaId]);

/** The additional authenticated data binding each encrypted field to its item and purpose. */
export const fieldAad = {
  messageText: (messageId: string) => `${messageId}:text`,
  preview: (conversationId: string) => `${conversationId}:preview`,
  contactName: (conversationId: string) => `${conversationId}:contact-name`,
  replyText: (replyId: string) => `${replyId}:text`,
};
