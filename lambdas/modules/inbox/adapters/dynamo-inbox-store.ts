/**
 * Conversations, messages and engagement signals in the tenant's partition. Messages are keyed by their
 * own id (derived from Meta's), so edits, statuses and deletions find them without knowing the
 * conversation; the conversation's thread and the tenant's conversation list are gsi2 orderings. Every
 * item carries the connection id (the purge finds it) and the retention TTL.
 */
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { ConversationRecord, InboxMessageRecord } from '../core/inbox-model';
import type { ConversationFilter, EngagementSignal, InboxRepository } from '../ports';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import {
  TableStore,
  revisionCondition,
  withoutTableAttributes,
} from '../../../platform/adapters/table/table-store';
import { GSIS } from '../../../platform/contracts/table-schema';
import { equalityFilter } from '../../../adapters/dynamodb/equality-filter';

const conversationSk = (id: string) => `CNV#${id}`;
const messageSk = (id: string) => `IMSG#${id}`;
const signalSk = (objectId: string, userId: string) => `SIG#${objectId}#${userId}`;
/** the tenant's conversations by latest activity */
const conversationsIndexPk = (tenantId: string) => `T#${tenantId}#CONVS`;
/** one conversation's messages by time */
const threadIndexPk = (tenantId: string, conversationId: string) => `T#${tenantId}#THREAD#${conversationId}`;

const strip = withoutTableAttributes;

export class DynamoInboxRepository extends TableStore implements InboxRepository {
  private conditionalPut(item: Record<string, unknown>, expectedRev: number | null): Promise<boolean> {
    return this.writeItemIf(item, revisionCondition(expectedRev));
  }

  getConversation(tenantId: string, id: string): Promise<ConversationRecord | undefined> {
    return this.readRecord<ConversationRecord>(tenantKey(tenantId, conversationSk(id)));
  }

  async putConversation(c: ConversationRecord, expectedRev: number | null): Promise<boolean> {
    return this.conditionalPut(
      {
        pk: tenantPk(c.tenantId),
        sk: conversationSk(c.id),
        entity: 'conversation',
        // listed only once it has a message (a watermark alone makes an invisible conversation)
        ...(c.lastMessageAt
          ? { gsi2pk: conversationsIndexPk(c.tenantId), gsi2sk: `${c.lastMessageAt}#${c.id}` }
          : {}),
        ...c,
      },
      expectedRev,
    );
  }

  async listConversations(
    tenantId: string,
    filter: ConversationFilter,
    page: PageRequest,
  ): Promise<Page<ConversationRecord>> {
    const pk = conversationsIndexPk(tenantId);
    const values: Record<string, unknown> = { ':pk': pk };
    const also: string[] = [];
    if (filter.unread !== undefined) {
      // unread: the contact wrote after an agent last marked it read (or it was never marked)
      const unread =
        '(attribute_type(lastInboundAt, :S) AND (attribute_type(readAt, :NULL) OR lastInboundAt > readAt))';
      also.push(filter.unread ? unread : `NOT ${unread}`);
      values[':S'] = 'S';
      values[':NULL'] = 'NULL';
    }
    const { channel, assetId, status, assignee } = filter;
    return this.queryFilledPage(
      {
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :pk',
        ...equalityFilter({ channel, assetId, status, assignee }, values, also),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      page,
      { gsi2pk: pk },
      (i) => strip<ConversationRecord>(i),
    );
  }

  getMessage(tenantId: string, id: string): Promise<InboxMessageRecord | undefined> {
    return this.readRecord<InboxMessageRecord>(tenantKey(tenantId, messageSk(id)));
  }

  async putMessage(m: InboxMessageRecord, expectedRev: number | null): Promise<boolean> {
    return this.conditionalPut(
      {
        pk: tenantPk(m.tenantId),
        sk: messageSk(m.id),
        entity: 'inbox-message',
        // placeholders (a status or removal that came first) stay out of the thread until the message does
        ...(m.hasContent && m.sentAt
          ? { gsi2pk: threadIndexPk(m.tenantId, m.conversationId), gsi2sk: `${m.sentAt}#${m.id}` }
          : {}),
        ...m,
      },
      expectedRev,
    );
  }

  async claimAnnouncement(tenantId: string, id: string, at: string, staleBefore: string): Promise<boolean> {
    return this.updateItemIf(tenantKey(tenantId, messageSk(id)), {
      UpdateExpression: 'SET announceClaimedAt = :at, rev = rev + :one',
      ConditionExpression:
        'eventPublished = :f AND (attribute_type(announceClaimedAt, :NULL) OR announceClaimedAt < :stale)',
      ExpressionAttributeValues: {
        ':at': at,
        ':one': 1,
        ':f': false,
        ':NULL': 'NULL',
        ':stale': staleBefore,
      },
    });
  }

  async markMessage(
    tenantId: string,
    id: string,
    flags: { conversationApplied?: true; eventPublished?: true },
  ): Promise<void> {
    const sets = Object.keys(flags).map((k) => `${k} = :t`);
    if (sets.length === 0) return;
    await this.updateItem(tenantKey(tenantId, messageSk(id)), {
      UpdateExpression: `SET ${sets.join(', ')}, rev = rev + :one`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':t': true, ':one': 1 },
    });
  }

  async listMessages(
    tenantId: string,
    conversationId: string,
    page: PageRequest,
  ): Promise<Page<InboxMessageRecord>> {
    const pk = threadIndexPk(tenantId, conversationId);
    return this.queryPage(
      {
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
      },
      page,
      { gsi2pk: pk },
      (i) => strip<InboxMessageRecord>(i),
    );
  }

  async putSignal(s: EngagementSignal): Promise<void> {
    await this.writeItemIf(
      { pk: tenantPk(s.tenantId), sk: signalSk(s.objectId, s.userId), entity: 'engagement-signal', ...s },
      // a reaction delivered late does not undo a newer change of the same person's reaction
      {
        ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': s.at },
      },
    );
  }

  async countSignals(tenantId: string, objectId: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.queryItems({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        FilterExpression: 'removed <> :t',
        ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': `SIG#${objectId}#`, ':t': true },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      });
      count += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return count;
  }
}
