import { TableStore } from '../../platform/adapters/table/table-store';
import type { PageHealth } from '../../modules/connections/contracts/store';
import type { SyncStateRepository } from '../../core/ports';
import { connectionChildSk, tenantKey, tenantPk } from '../../platform/adapters/table/keys';

export class DynamoSyncState extends TableStore implements SyncStateRepository {
  async getWatermark(tenantId: string, connectionId: string, key: string): Promise<string | undefined> {
    const item = await this.readItem(tenantKey(tenantId, connectionChildSk(connectionId, `WM#${key}`)));
    return item?.value as string | undefined;
  }

  async saveWatermark(tenantId: string, connectionId: string, key: string, value: string): Promise<void> {
    await this.writeItem({
      pk: tenantPk(tenantId),
      sk: connectionChildSk(connectionId, `WM#${key}`),
      entity: 'watermark',
      connectionId,
      value,
    });
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
    await this.updateItem(tenantKey(tenantId, connectionChildSk(connectionId, `PAGE#${pageId}`)), {
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  async listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]> {
    const out = await this.queryItems({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: {
        ':pk': tenantPk(tenantId),
        ':p': connectionChildSk(connectionId, 'PAGE#'),
      },
    });
    return (out.Items ?? []).map((i) => ({
      pageId: i.pageId,
      lastDeliveryAt: i.lastDeliveryAt ?? null,
      lastReconciliation: i.lastReconciliation ?? null,
      lastSubscriptionCheck: i.lastSubscriptionCheck ?? null,
    }));
  }
}
