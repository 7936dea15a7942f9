/**
 * Read–merge–write with an expected revision: the merge decides (pure), the write succeeds only if
 * nobody wrote in between, and a lost race simply merges again on the newer copy.
 */
import type { ConversationRecord, InboxMessageRecord } from './inbox-model';
import type { InboxRepository } from '../ports';
import type { MessageMerge } from './merge-message';
import type { ConversationMerge } from './merge-conversation';

const ATTEMPTS = 8;

export class ContendedWrite extends Error {
  constructor(what: string) {
    super(`${what} kept changing under this write`);
    this.name = 'ContendedWrite';
  }
}

export async function upsertMessage(
  inbox: InboxRepository,
  tenantId: string,
  messageId: string,
  decide: (existing: InboxMessageRecord | undefined) => MessageMerge,
  /** most webhook messages are new: write first and read only when one exists (saves a read each) */
  opts: { likelyNew?: boolean } = {},
): Promise<MessageMerge> {
  if (opts.likelyNew) {
    const fresh = decide(undefined);
    if (fresh.outcome === 'created') {
      const record = { ...fresh.record, rev: 1 };
      if (await inbox.putMessage(record, null)) return { ...fresh, record };
    }
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await inbox.getMessage(tenantId, messageId);
    const merge = decide(existing);
    if (merge.outcome === 'duplicate' || merge.outcome === 'ignored') return merge;
    const next = { ...merge.record, rev: (existing?.rev ?? 0) + 1 };
    if (await inbox.putMessage(next, existing ? existing.rev : null)) return { ...merge, record: next };
  }
  throw new ContendedWrite('message');
}

export async function upsertConversation(
  inbox: InboxRepository,
  tenantId: string,
  conversationId: string,
  decide: (existing: ConversationRecord | undefined) => ConversationMerge,
): Promise<ConversationMerge> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await inbox.getConversation(tenantId, conversationId);
    const merge = decide(existing);
    if (!merge.changed) return merge;
    const next = { ...merge.record, rev: (existing?.rev ?? 0) + 1 };
    if (await inbox.putConversation(next, existing ? existing.rev : null)) return { ...merge, record: next };
  }
  throw new ContendedWrite('conversation');
}
