import type { ExportRecord, ExportRepository } from '../ports';
import { TableStore, withoutTableAttributes } from '../../../platform/adapters/table/table-store';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import { fixedTtlFor } from '../../../platform/core/retention-policy';

const exportSk = (id: string) => `EXPORT#${id}`;
const toRecord = (item: Record<string, unknown>) => withoutTableAttributes<ExportRecord>(item, 'expiresAt');

export class DynamoExportRepository extends TableStore implements ExportRepository {
  async save(r: ExportRecord): Promise<void> {
    await this.writeItem({
      pk: tenantPk(r.tenantId),
      sk: exportSk(r.id),
      entity: 'export',
      expiresAt: fixedTtlFor('export', new Date(r.requestedAt)).expiresAt,
      ...r,
    });
  }

  get(tenantId: string, id: string): Promise<ExportRecord | undefined> {
    return this.readRecord<ExportRecord>(tenantKey(tenantId, exportSk(id)), 'expiresAt');
  }

  async listAll(tenantId: string): Promise<ExportRecord[]> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': 'EXPORT#' },
    });
    return items.map(toRecord);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.removeItem(tenantKey(tenantId, exportSk(id)));
  }

  async tenantItems(tenantId: string, cursor?: string) {
    const pk = tenantPk(tenantId);
    const out = await this.queryItems({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ExclusiveStartKey: decodeCursor(cursor, { pk }),
    });
    return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) ?? undefined };
  }
}
