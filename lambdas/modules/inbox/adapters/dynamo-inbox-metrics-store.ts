/**
 * The inbox's daily counters in the tenant's partition, one item per day, asset, channel and connection
 * (`IMX#<date>#<asset>#<channel>#<connection>`): aggregated counts and a histogram of response times,
 * never a message or a person. A recount of a day replaces its items. Each carries the connection id
 * (the purge finds it) and expires 13 months after its day.
 */
import type { InboxDayRow, InboxMetricsFilter, InboxMetricsRepository } from '../core/inbox-metrics';
import { equalityFilter } from '../../../adapters/dynamodb/equality-filter';
import { tenantPk } from '../../../platform/adapters/table/keys';
import { TableStore, withoutTableAttributes } from '../../../platform/adapters/table/table-store';

const rowSk = (r: Pick<InboxDayRow, 'date' | 'assetId' | 'channel' | 'connectionId'>) =>
  `IMX#${r.date}#${r.assetId}#${r.channel}#${r.connectionId}`;

export class DynamoInboxMetricsRepository extends TableStore implements InboxMetricsRepository {
  async putDays(rows: InboxDayRow[]): Promise<void> {
    await this.writeBatch(
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
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ...filters,
      ExpressionAttributeValues: values,
    });
    const now = Math.floor(Date.now() / 1000);
    return items
      .filter((i) => !(typeof i.expiresAt === 'number' && i.expiresAt <= now))
      .map((i) => withoutTableAttributes<InboxDayRow>(i));
  }
}
