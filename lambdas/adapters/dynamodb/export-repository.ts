import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportRecord, ExportRepository } from '../../core/ports';
import { decodeCursor, encodeCursor } from './cursor';
import { tenantPk } from './keys';

/** Export records (and their files) are kept a week: long enough to download, short enough not to linger. */
const EXPORT_TTL_SECONDS = 7 * 86_400;

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
          sk: `EXPORT#${r.id}`,
          entity: 'export',
          expiresAt: Math.floor(Date.parse(r.requestedAt) / 1000) + EXPORT_TTL_SECONDS,
          ...r,
        },
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<ExportRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: `EXPORT#${id}` } }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...rest } = out.Item;
    return rest as ExportRecord;
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
