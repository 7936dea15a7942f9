/**
 * The inbox's daily counters in the tenant's partition, one item per day, asset, channel and connection
 * (`IMX#<date>#<asset>#<channel>#<connection>`): aggregated counts and a histogram of response times,
 * never a message or a person. A recount of a day replaces its items. Each carries the connection id
 * (the purge finds it) and expires 13 months after its day.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InboxDayRow, InboxMetricsFilter, InboxMetricsRepository } from '../core/inbox-metrics';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { equalityFilter } from '../../../adapters/dynamodb/equality-filter';
import { tenantPk } from '../../../platform/adapters/table/keys';
import { queryAll } from '../../../platform/adapters/table/query-all';

const rowSk = (r: Pick<InboxDayRow, 'date' | 'assetId' | 'channel' | 'connectionId'>) =>
  `IMX#${r.date}#${r.assetId}#${r.channel}#${r.connectionId}`;

export class DynamoInboxMetricsRepository implements InboxMetricsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putDays(rows: InboxDayRow[]): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
      rows.map((r) => ({ pk: tenantPk(r.tenantId), sk: rowSk(r), entity: 'inbox-metrics', ...r })),
    );
  }

  async query(tenantId: string, filter: InboxMetricsFilter): Promise<InboxDayRow[]> {
    const values: Record<string, unknown> = {
      ':pk': tenantPk(tenantId),
      ':a': `IMX#${filter.since}#`,
      ':b': `IMX#${filter.until}#~`,
    };
    const filters = equalityFilter({ assetId: filter.assetId, channel: filter.channel }, values);
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ...filters,
      ExpressionAttributeValues: values,
    });
    const now = Math.floor(Date.now() / 1000);
    return items
      .filter((i) => !(typeof i.expiresAt === 'number' && i.expiresAt <= now))
      .map((i) => {
        const { pk: _pk, sk: _sk, entity: _e, ...row } = i;
        return row as InboxDayRow;
      });
  }
}
