/**
 * A reply of the business: a text, a WhatsApp template, or a moderation action on a comment (hide,
 * unhide, delete). Every one is a draft until a person or a tenant rule approves exactly its content,
 * and is sent at most once.
 */
import type { Channel } from './inbox-model';
import { REPLY_TYPES, type ReplyType } from '../contracts/vocabulary';

export { REPLY_TYPES, type ReplyType };
export const MODERATION_TYPES: readonly ReplyType[] = ['hide', 'unhide', 'delete'];

export type ReplyStatus = 'draft' | 'approved' | 'sending' | 'sent' | 'failed' | 'rejected';
export type ReplySource = 'person' | 'ai';

export interface TemplateRef {
  name: string;
  language: string;
  /** body parameters, in order */
  parameters: string[];
}

export interface ReplyApproval {
  /** what was approved: {@link replyContentHash} at approval time */
  hash: string;
  by: string;
  at: string;
  ruleId: string | null;
}

export interface ReplyRecord {
  tenantId: string;
  id: string;
  conversationId: string;
  connectionId: string;
  channel: Channel;
  assetId: string;
  type: ReplyType;
  source: ReplySource;
  textCipher: string | null;
  template: TemplateRef | null;
  /** Messenger/Instagram message tag for a person's reply after 24 h */
  tag: 'HUMAN_AGENT' | null;
  /** the comment a reply answers or a moderation acts on */
  targetMetaId: string | null;
  status: ReplyStatus;
  statusReason: string | null;
  approval: ReplyApproval | null;
  metaId: string | null;
  sentAt: string | null;
  /** set before each send: a later attempt reads Meta back before sending again */
  sendStartedAt: string | null;
  attempts: number;
  /** the sent reply's message, event and audit entry are recorded (a crash before that is finished later) */
  announced: boolean;
  /** set by whoever records the outcome, so concurrent confirmations announce it once */
  announceClaimedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  rev: number;
  expiresAt: number;
}

export interface WhatsAppTemplate {
  wabaId: string;
  connectionId: string;
  name: string;
  language: string;
  status: string;
  category: string | null;
  /** body placeholders ({{1}}, {{2}} …) */
  parameterCount: number;
  syncedAt: string;
}
