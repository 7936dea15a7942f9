import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../../platform/adapters/table/query-all';
import type { ExportRecord, ExportRepository } from '../ports';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import { tenantPk } from '../../../platform/adapters/table/keys';
import { fixedTtlFor } from '../../../platform/core/retention-policy';

const exportSk = (id: string) => `EXPORT#${id}`;

export class DynamoExportRepository implements ExportRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(r: ExportRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(r.tenantId),
          sk: exportSk(r.id),
          entity: 'export',
          expiresAt: fixedTtlFor('export', new Date(r.requestedAt)).expiresAt,
          ...r,
        },
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<ExportRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: exportSk(id) } }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async listAll(tenantId: string): Promise<ExportRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': 'EXPORT#' },
    });
    return items.map(toRecord);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: exportSk(id) } }),
    );
  }

  async tenantItems(tenantId: string, cursor?: string) {
    const pk = tenantPk(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: decodeCursor(cursor, { pk }),
      }),
    );
    return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) ?? undefined };
  }
}

function toRecord(item: Record<string, unknown>): ExportRecord {
  const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...rest } = item;
  return rest as unknown as ExportRecord;
}
