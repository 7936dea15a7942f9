import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BackfillRecord } from '../core/backfill-insights';
import type { InsightsBackfillStore } from '../ports';
import { tenantPk } from '../../../platform/adapters/table/keys';

const sk = (id: string) => `INSBF#${id}`;

/** A tenant's backfill requests and what they did; kept 30 days. */
export class DynamoBackfillStore implements InsightsBackfillStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(r: BackfillRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(r.tenantId),
          sk: sk(r.id),
          entity: 'insights-backfill',
          ...r,
          expiresAt: Math.floor(Date.parse(r.requestedAt) / 1000) + 30 * 86_400,
        },
      }),
    );
  }

  async claim(tenantId: string, id: string, startedAt: string, staleBefore: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(tenantId), sk: sk(id) },
          UpdateExpression: 'SET #s = :running, startedAt = :at',
          ConditionExpression: '#s = :queued OR (#s = :running AND startedAt < :stale)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':running': 'running',
            ':queued': 'queued',
            ':at': startedAt,
            ':stale': staleBefore,
          },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async get(tenantId: string, id: string): Promise<BackfillRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: sk(id) } }),
    );
    if (!out.Item) return undefined;
    const { pk: _p, sk: _s, entity: _e, expiresAt: _x, ...rest } = out.Item;
    return rest as BackfillRecord;
  }
}
