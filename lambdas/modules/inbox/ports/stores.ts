/**
 * What the inbox needs from storage. Conversations, messages and replies are written with an expected
 * revision (optimistic concurrency): two deliveries of the same thing at once cannot both win, and the
 * loser simply merges again on top of what the winner wrote.
 */
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { ConversationRecord, InboxMessageRecord } from '../core/inbox-model';
import type { ReplyRecord, WhatsAppTemplate } from '../core/reply-model';

export interface WrappedDataKey {
  keyId: string;
  /** the data key encrypted by the vault */
  wrapped: string;
}

export interface DataKeyStore {
  get(tenantId: string): Promise<WrappedDataKey | undefined>;
  /** Stores the key unless the tenant has one; returns the key that is stored. */
  putIfAbsent(tenantId: string, key: WrappedDataKey): Promise<WrappedDataKey>;
}

export interface ConversationFilter {
  channel?: string;
  assetId?: string;
  status?: 'open' | 'closed';
  unread?: boolean;
  assignee?: string;
}

export interface EngagementSignal {
  tenantId: string;
  connectionId: string;
  /** the post or comment reacted to */
  objectId: string;
  userId: string;
  reaction: string | null;
  /** a removal is kept (as removed) so an older `add` arriving after it changes nothing */
  removed: boolean;
  at: string;
  expiresAt: number;
}

export interface InboxRepository {
  getConversation(tenantId: string, id: string): Promise<ConversationRecord | undefined>;
  /** Conditional on `expectedRev` (null: must not exist yet); false when another writer came first. */
  putConversation(c: ConversationRecord, expectedRev: number | null): Promise<boolean>;
  /** Newest activity first. */
  listConversations(
    tenantId: string,
    filter: ConversationFilter,
    page: PageRequest,
  ): Promise<Page<ConversationRecord>>;
  getMessage(tenantId: string, id: string): Promise<InboxMessageRecord | undefined>;
  putMessage(m: InboxMessageRecord, expectedRev: number | null): Promise<boolean>;
  /**
   * Claims the right to publish the message's event: true for one caller only, until the event is
   * published or the claim is older than `staleBefore` (a claimant that crashed).
   */
  claimAnnouncement(tenantId: string, id: string, at: string, staleBefore: string): Promise<boolean>;
  /** Sets progress flags and bumps the revision, so a writer holding an older copy merges again. */
  markMessage(
    tenantId: string,
    id: string,
    flags: { conversationApplied?: true; eventPublished?: true },
  ): Promise<void>;
  /** Messages with content, newest first. */
  listMessages(
    tenantId: string,
    conversationId: string,
    page: PageRequest,
  ): Promise<Page<InboxMessageRecord>>;
  /** Stores the signal unless a newer one for the same person and object is stored. */
  putSignal(s: EngagementSignal): Promise<void>;
  /** Reactions that stand (removed ones are not counted). */
  countSignals(tenantId: string, objectId: string): Promise<number>;
}

export interface ReplyRepository {
  get(tenantId: string, id: string): Promise<ReplyRecord | undefined>;
  put(r: ReplyRecord, expectedRev: number | null): Promise<boolean>;
  listForConversation(tenantId: string, conversationId: string): Promise<ReplyRecord[]>;
  /** Remembers content a person approved (a hash), for rules that trust what was approved once. */
  rememberApproved(
    tenantId: string,
    connectionId: string,
    key: string,
    at: string,
    expiresAt: number,
  ): Promise<void>;
  wasApproved(tenantId: string, key: string): Promise<boolean>;
  saveTemplates(tenantId: string, templates: WhatsAppTemplate[]): Promise<void>;
  findTemplate(
    tenantId: string,
    wabaId: string,
    name: string,
    language: string,
  ): Promise<WhatsAppTemplate | undefined>;
  listTemplates(tenantId: string): Promise<WhatsAppTemplate[]>;
}
