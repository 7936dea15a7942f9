import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putTenantItem } from '../../../platform/adapters/table/put-tenant-item';
import { queryAll } from '../../../platform/adapters/table/query-all';
import type { InsightPoint, InsightsStore } from '../ports';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { tenantPk } from '../../../platform/adapters/table/keys';

const pointSk = (assetId: string, metric: string, date: string) => `INS#${assetId}#${metric}#${date}`;

/** Daily aggregated counters only: one item per asset, metric and day, nothing about people. */
export class DynamoInsightsStore implements InsightsStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putPoints(
    tenantId: string,
    connectionId: string,
    points: InsightPoint[],
    expiresAt: number,
  ): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
      points.map((p) => ({
        pk: tenantPk(tenantId),
        sk: pointSk(p.assetId, p.metric, p.date),
        entity: 'insight',
        connectionId,
        ...p,
        expiresAt: p.expiresAt ?? expiresAt,
      })),
    );
  }

  async markUnavailable(
    tenantId: string,
    connectionId: string,
    assetId: string,
    metric: string,
    reason: string,
  ): Promise<void> {
    await putTenantItem(this.db, this.tableName, {
      tenantId,
      sk: `INSX#${assetId}#${metric}`,
      entity: 'insight-unavailable',
      connectionId,
      assetId,
      metric,
      reason,
    });
  }

  async unavailableReason(tenantId: string, assetId: string, metric: string): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: `INSX#${assetId}#${metric}` },
      }),
    );
    return out.Item?.reason as string | undefined;
  }

  async listUnavailable(tenantId: string, assetId: string): Promise<string[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': `INSX#${assetId}#` },
      }),
    );
    return (out.Items ?? []).map((i) => i.metric as string);
  }

  async query(
    tenantId: string,
    assetId: string,
    metric: string,
    since: string,
    until: string,
  ): Promise<InsightPoint[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: {
        ':pk': tenantPk(tenantId),
        ':a': pointSk(assetId, metric, since),
        ':b': pointSk(assetId, metric, until),
      },
    });
    const now = Math.floor(Date.now() / 1000);
    return (
      items
        // DynamoDB deletes expired items within days, not at once: an expired counter is already gone
        .filter((i) => !(typeof i.expiresAt === 'number' && i.expiresAt <= now))
        .map((i) => ({ assetId: i.assetId, metric: i.metric, date: i.date, value: i.value }))
    );
  }
}
