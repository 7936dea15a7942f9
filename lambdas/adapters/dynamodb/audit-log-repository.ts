import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../core/audit/audit-entry';
import type { AuditLog, Page, PageRequest } from '../../core/ports';
import { auditPk } from './keys';
import { decodeCursor, encodeCursor } from './cursor';

/** Audit entries expire after this unless a retention setting says otherwise (one year). */
export const AUDIT_RETENTION_SECONDS = 365 * 86_400;

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: auditPk(entry.tenantId),
          sk: `${entry.at}#${entry.id}`,
          entity: 'audit',
          expiresAt: Math.floor(Date.parse(entry.at) / 1000) + AUDIT_RETENTION_SECONDS,
          ...entry,
        },
      }),
    );
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<AuditEntry>> {
    const pk = auditPk(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const { pk: _pk, sk: _sk, entity: _e, expiresAt: _x, ...rest } = i;
      return rest as AuditEntry;
    });
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}
