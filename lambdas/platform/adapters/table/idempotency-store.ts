import type {
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from '../../core/idempotency/idempotent-request';
import { tenantKey, tenantPk } from './keys';
import { TableStore } from './table-store';

const SK_PREFIX = 'IDEM#';
const ENTITY = 'idempotency-key';

/**
 * One item per key in the tenant's partition (`IDEM#<key>`), expired by the table's TTL after 24 hours.
 * TTL deletes lazily, so every read also checks `expiresAt` itself.
 */
export class DynamoIdempotencyStore extends TableStore implements IdempotencyStore {
  async claim(
    record: IdempotencyRecord,
    nowMs: number,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    // a record that vanishes between the failed put and the read (TTL, a release) is claimed again
    for (let attempt = 0; attempt < 3; attempt++) {
      const claimed = await this.writeItemIf(
        { ...this.key(record.tenantId, record.key), entity: ENTITY, ...record },
        {
          ConditionExpression:
            'attribute_not_exists(pk) OR expiresAt < :nowS OR (#status = :inProgress AND leaseUntil < :nowMs)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':nowS': Math.floor(nowMs / 1000),
            ':nowMs': nowMs,
            ':inProgress': 'in_progress',
          },
        },
      );
      if (claimed) return { claimed: true };
      const existing = await this.readItem(this.key(record.tenantId, record.key), true);
      if (existing) return { claimed: false, existing: toRecord(existing) };
    }
    throw new Error('idempotency key could not be claimed or read');
  }

  async complete(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.updateItem(this.key(tenantId, key), {
      UpdateExpression: 'SET #status = :completed, #response = :response',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
    });
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.removeItem(this.key(tenantId, key));
  }

  async forgetTenant(tenantId: string): Promise<number> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':prefix': SK_PREFIX },
      ProjectionExpression: 'pk, sk',
    });
    await this.writeBatch([], items);
    return items.length;
  }

  private key(tenantId: string, key: string) {
    return tenantKey(tenantId, `${SK_PREFIX}${key}`);
  }
}

function toRecord(item: Record<string, unknown>): IdempotencyRecord {
  return {
    tenantId: String(item.tenantId),
    key: String(item.key),
    requestHash: String(item.requestHash),
    status: item.status === 'completed' ? 'completed' : 'in_progress',
    ...(item.response ? { response: item.response as StoredResponse } : {}),
    createdAt: String(item.createdAt),
    leaseUntil: Number(item.leaseUntil),
    expiresAt: Number(item.expiresAt),
  };
}
