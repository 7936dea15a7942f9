import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { PageHealth } from '../../modules/connections/contracts/store';
import type { SyncStateRepository } from '../../core/ports';
import { connectionChildSk, tenantPk } from '../../platform/adapters/table/keys';

export class DynamoSyncState implements SyncStateRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getWatermark(tenantId: string, connectionId: string, key: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: connectionChildSk(connectionId, `WM#${key}`) },
      }),
    );
    return out.Item?.value as string | undefined;
  }

  async saveWatermark(tenantId: string, connectionId: string, key: string, value: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(tenantId),
          sk: connectionChildSk(connectionId, `WM#${key}`),
          entity: 'watermark',
          connectionId,
          value,
        },
      }),
    );
  }

  async updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: Partial<Omit<PageHealth, 'pageId'>>,
  ): Promise<void> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const names: Record<string, string> = { '#e': 'entity', '#p': 'pageId', '#c': 'connectionId' };
    const values: Record<string, unknown> = { ':e': 'page-health', ':p': pageId, ':c': connectionId };
    const sets = ['#e = :e', '#p = :p', '#c = :c'];
    entries.forEach(([k, v], i) => {
      names[`#k${i}`] = k;
      values[`:v${i}`] = v;
      sets.push(`#k${i} = :v${i}`);
    });
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: connectionChildSk(connectionId, `PAGE#${pageId}`) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: {
          ':pk': tenantPk(tenantId),
          ':p': connectionChildSk(connectionId, 'PAGE#'),
        },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      pageId: i.pageId,
      lastDeliveryAt: i.lastDeliveryAt ?? null,
      lastReconciliation: i.lastReconciliation ?? null,
      lastSubscriptionCheck: i.lastSubscriptionCheck ?? null,
    }));
  }
}
