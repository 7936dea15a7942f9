/**
 * Replies (with their revision), the content a person approved once (as hashes), and the WhatsApp
 * templates synced per WhatsApp account. Replies and templates carry the connection id, so the purge
 * removes them with the connection.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putTenantItem } from '../../../platform/adapters/table/put-tenant-item';
import { queryAll } from '../../../platform/adapters/table/query-all';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ReplyRepository } from '../ports';
import type { ReplyRecord, WhatsAppTemplate } from '../core/reply-model';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { connectionChildSk, tenantPk } from '../../../platform/adapters/table/keys';
import { GSIS } from '../../../platform/contracts/table-schema';

const replySk = (id: string) => `RPLY#${id}`;
const repliesIndexPk = (tenantId: string, conversationId: string) =>
  `T#${tenantId}#REPLIES#${conversationId}`;
const approvedSk = (key: string) => `APPROVED#${key}`;
const templateSk = (connectionId: string, wabaId: string, name: string, language: string) =>
  connectionChildSk(connectionId, `WATPL#${wabaId}#${name}#${language}`);

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi2pk: _g1, gsi2sk: _g2, entity: _e, ...rest } = item;
  return rest as T;
}

export class DynamoReplyRepository implements ReplyRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<ReplyRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: replySk(id) } }),
    );
    return out.Item ? strip<ReplyRecord>(out.Item) : undefined;
  }

  async put(r: ReplyRecord, expectedRev: number | null): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: tenantPk(r.tenantId),
            sk: replySk(r.id),
            gsi2pk: repliesIndexPk(r.tenantId, r.conversationId),
            gsi2sk: `${r.createdAt}#${r.id}`,
            entity: 'inbox-reply',
            ...r,
          },
          ConditionExpression: expectedRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev',
          ExpressionAttributeValues: expectedRev === null ? undefined : { ':rev': expectedRev },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listForConversation(tenantId: string, conversationId: string): Promise<ReplyRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
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
    await putTenantItem(this.db, this.tableName, {
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
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: approvedSk(key) } }),
    );
    return !!out.Item;
  }

  async saveTemplates(tenantId: string, templates: WhatsAppTemplate[]): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
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
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': 'CONX#', ':e': 'whatsapp-template' },
    });
    return items.map((i) => strip<WhatsAppTemplate>(i));
  }
}
