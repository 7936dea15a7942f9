import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ItemKey, PurgeStore } from '../../core/ports';
import { batchWrite } from './batch-write';
import { connectionChildSk, routePk, routeSk, tenantPk } from './keys';

/** Parallel BatchWrite chunks: a 100,000-item tenant is purged in minutes, not hours. */
const PARALLEL_BATCHES = 8;

export class DynamoPurgeStore implements PurgeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async connectionItemKeys(
    tenantId: string,
    connectionId: string,
    opts: { keepLeads: boolean; limit: number },
  ): Promise<ItemKey[]> {
    const keys: ItemKey[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: opts.keepLeads ? 'connectionId = :c AND entity <> :lead' : 'connectionId = :c',
          ExpressionAttributeValues: {
            ':pk': tenantPk(tenantId),
            ':c': connectionId,
            ...(opts.keepLeads ? { ':lead': 'lead' } : {}),
          },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) keys.push({ pk: i.pk, sk: i.sk });
      start = out.LastEvaluatedKey;
    } while (start && keys.length < opts.limit);
    return keys.slice(0, opts.limit);
  }

  async routeKeys(tenantId: string, connectionId: string, assetIds: string[]): Promise<ItemKey[]> {
    return [...new Set(assetIds)].map((id) => ({ pk: routePk(id), sk: routeSk(tenantId, connectionId) }));
  }

  async deleteKeys(keys: ItemKey[]): Promise<void> {
    const chunks: ItemKey[][] = [];
    for (let i = 0; i < keys.length; i += 25) chunks.push(keys.slice(i, i + 25));
    for (let i = 0; i < chunks.length; i += PARALLEL_BATCHES) {
      await Promise.all(
        chunks.slice(i, i + PARALLEL_BATCHES).map((c) =>
          batchWrite(
            this.db,
            this.tableName,
            [],
            c.map((k) => ({ pk: k.pk, sk: k.sk })),
          ),
        ),
      );
    }
  }

  async deletePageTokens(tenantId: string, connectionId: string): Promise<number> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: {
          ':pk': tenantPk(tenantId),
          ':p': connectionChildSk(connectionId, 'PTOK#'),
        },
        ProjectionExpression: 'pk, sk',
      }),
    );
    const keys = (out.Items ?? []).map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
    await this.deleteKeys(keys);
    return keys.length;
  }
}
