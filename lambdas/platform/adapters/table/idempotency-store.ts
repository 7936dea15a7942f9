import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from '../../core/idempotency/idempotent-request';
import { batchWrite } from './batch-write';
import { tenantPk } from './keys';
import { queryAll } from './query-all';

const SK_PREFIX = 'IDEM#';
const ENTITY = 'idempotency-key';

/**
 * One item per key in the tenant's partition (`IDEM#<key>`), expired by the table's TTL after 24 hours.
 * TTL deletes lazily, so every read also checks `expiresAt` itself.
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(
    record: IdempotencyRecord,
    nowMs: number,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    // a record that vanishes between the failed put and the read (TTL, a release) is claimed again
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...this.key(record.tenantId, record.key), entity: ENTITY, ...record },
            ConditionExpression:
              'attribute_not_exists(pk) OR expiresAt < :nowS OR (#status = :inProgress AND leaseUntil < :nowMs)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':nowS': Math.floor(nowMs / 1000),
              ':nowMs': nowMs,
              ':inProgress': 'in_progress',
            },
          }),
        );
        return { claimed: true };
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
      const out = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: this.key(record.tenantId, record.key),
          ConsistentRead: true,
        }),
      );
      if (out.Item) return { claimed: false, existing: toRecord(out.Item) };
    }
    throw new Error('idempotency key could not be claimed or read');
  }

  async complete(tenantId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, key),
        UpdateExpression: 'SET #status = :completed, #response = :response',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
      }),
    );
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(tenantId, key) }));
  }

  async forgetTenant(tenantId: string): Promise<number> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':prefix': SK_PREFIX },
      ProjectionExpression: 'pk, sk',
    });
    await batchWrite(this.db, this.tableName, [], items);
    return items.length;
  }

  private key(tenantId: string, key: string) {
    return { pk: tenantPk(tenantId), sk: `${SK_PREFIX}${key}` };
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
