/**
 * The inbox's words that other modules and the public contracts use: its channels, the kinds of reply,
 * and the labels a conversation can be classified with.
 */
export const CHANNELS = [
  'facebook_comment',
  'instagram_comment',
  'messenger',
  'instagram_dm',
  'whatsapp',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const REPLY_TYPES = ['text', 'template', 'hide', 'unhide', 'delete'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

export const CLASSIFICATION_LABELS = ['lead', 'support', 'complaint', 'spam', 'other'] as const;
export type ClassificationLabel = (typeof CLASSIFICATION_LABELS)[number];
