import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DataKeyStore, WrappedDataKey } from '../ports';
import { tenantPk } from '../../../platform/adapters/table/keys';

const SK = 'DATAKEY#inbox';

/**
 * The tenant's wrapped inbox data key. It is tenant-wide (every connection's messages use it), so it
 * carries no connection id; without the ciphertexts a purge removes, it opens nothing.
 */
export class DynamoDataKeyStore implements DataKeyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string): Promise<WrappedDataKey | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: SK },
        ConsistentRead: true,
      }),
    );
    return out.Item ? { keyId: out.Item.keyId as string, wrapped: out.Item.wrapped as string } : undefined;
  }

  async putIfAbsent(tenantId: string, key: WrappedDataKey): Promise<WrappedDataKey> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: tenantPk(tenantId), sk: SK, entity: 'data-key', ...key },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return key;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const winner = await this.get(tenantId);
      if (!winner) throw err;
      return winner;
    }
  }
}
