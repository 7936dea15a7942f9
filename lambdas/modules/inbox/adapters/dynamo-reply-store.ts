/**
 * Replies (with their revision), the content a person approved once (as hashes), and the WhatsApp
 * templates synced per WhatsApp account. Replies and templates carry the connection id, so the purge
 * removes them with the connection.
 */
import type { ReplyRepository } from '../ports';
import type { ReplyRecord, WhatsAppTemplate } from '../core/reply-model';
import { connectionChildSk, tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import {
  TableStore,
  revisionCondition,
  withoutTableAttributes,
} from '../../../platform/adapters/table/table-store';
import { GSIS } from '../../../platform/contracts/table-schema';

const replySk = (id: string) => `RPLY#${id}`;
const repliesIndexPk = (tenantId: string, conversationId: string) =>
  `T#${tenantId}#REPLIES#${conversationId}`;
const approvedSk = (key: string) => `APPROVED#${key}`;
const templateSk = (connectionId: string, wabaId: string, name: string, language: string) =>
  connectionChildSk(connectionId, `WATPL#${wabaId}#${name}#${language}`);

const strip = withoutTableAttributes;

export class DynamoReplyRepository extends TableStore implements ReplyRepository {
  get(tenantId: string, id: string): Promise<ReplyRecord | undefined> {
    return this.readRecord<ReplyRecord>(tenantKey(tenantId, replySk(id)));
  }

  async put(r: ReplyRecord, expectedRev: number | null): Promise<boolean> {
    return this.writeItemIf(
      {
        pk: tenantPk(r.tenantId),
        sk: replySk(r.id),
        gsi2pk: repliesIndexPk(r.tenantId, r.conversationId),
        gsi2sk: `${r.createdAt}#${r.id}`,
        entity: 'inbox-reply',
        ...r,
      },
      revisionCondition(expectedRev),
    );
  }

  async listForConversation(tenantId: string, conversationId: string): Promise<ReplyRecord[]> {
    const items = await this.queryEvery({
      IndexName: GSIS.byTenantSecondary.indexName,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': repliesIndexPk(tenantId, conversationId) },
    });
    return items.map((i) => strip<ReplyRecord>(i));
  }

  async rememberApproved(
    tenantId: string,
    connectionId: string,
    key: string,
    at: string,
    expiresAt: number,
  ): Promise<void> {
    await this.writeTenantItem({
      tenantId,
      sk: approvedSk(key),
      entity: 'approved-content',
      connectionId,
      key,
      at,
      expiresAt,
    });
  }

  async wasApproved(tenantId: string, key: string): Promise<boolean> {
    return (await this.readItem(tenantKey(tenantId, approvedSk(key)))) !== undefined;
  }

  async saveTemplates(tenantId: string, templates: WhatsAppTemplate[]): Promise<void> {
    await this.writeBatch(
      templates.map((t) => ({
        pk: tenantPk(tenantId),
        sk: templateSk(t.connectionId, t.wabaId, t.name, t.language),
        entity: 'whatsapp-template',
        ...t,
      })),
    );
  }

  async findTemplate(
    tenantId: string,
    wabaId: string,
    name: string,
    language: string,
  ): Promise<WhatsAppTemplate | undefined> {
    return (await this.listTemplates(tenantId)).find(
      (t) => t.wabaId === wabaId && t.name === name && t.language === language,
    );
  }

  async listTemplates(tenantId: string): Promise<WhatsAppTemplate[]> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': 'CONX#', ':e': 'whatsapp-template' },
    });
    return items.map((i) => strip<WhatsAppTemplate>(i));
  }
}
