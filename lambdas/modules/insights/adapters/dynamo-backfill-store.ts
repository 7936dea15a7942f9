import type { BackfillRecord } from '../core/backfill-insights';
import type { InsightsBackfillStore } from '../ports';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import { TableStore } from '../../../platform/adapters/table/table-store';

const sk = (id: string) => `INSBF#${id}`;

/** A tenant's backfill requests and what they did; kept 30 days. */
export class DynamoBackfillStore extends TableStore implements InsightsBackfillStore {
  async save(r: BackfillRecord): Promise<void> {
    await this.writeItem({
      pk: tenantPk(r.tenantId),
      sk: sk(r.id),
      entity: 'insights-backfill',
      ...r,
      expiresAt: Math.floor(Date.parse(r.requestedAt) / 1000) + 30 * 86_400,
    });
  }

  async claim(tenantId: string, id: string, startedAt: string, staleBefore: string): Promise<boolean> {
    return this.updateItemIf(tenantKey(tenantId, sk(id)), {
      UpdateExpression: 'SET #s = :running, startedAt = :at',
      ConditionExpression: '#s = :queued OR (#s = :running AND startedAt < :stale)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':running': 'running',
        ':queued': 'queued',
        ':at': startedAt,
        ':stale': staleBefore,
      },
    });
  }

  get(tenantId: string, id: string): Promise<BackfillRecord | undefined> {
    return this.readRecord<BackfillRecord>(tenantKey(tenantId, sk(id)), 'expiresAt');
  }
}
