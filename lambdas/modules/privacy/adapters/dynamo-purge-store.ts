import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../../platform/adapters/table/query-all';
import type { ItemKey, PurgeStore } from '../ports';
import { ASSET_KINDS } from '../../connections/contracts/assets';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import { GSIS } from '../../../platform/contracts/table-schema';
import {
  connectionSk,
  routePk,
  routeSk,
  selectedIndexPk,
  tenantPk,
} from '../../../platform/adapters/table/keys';

/** The connection record's entity (connection-repository.ts). */
const CONNECTION_ENTITY = 'connection';

/** Parallel BatchWrite chunks: a 100,000-item tenant is purged in minutes, not hours. */
const PARALLEL_BATCHES = 8;

/**
 * Finds a connection's items by the `connectionId` every connection-owned item carries, in the tenant's
 * partition, and deletes them in parallel BatchWrite chunks. Deleting is idempotent, so a purge that is
 * repeated or resumed after a crash just deletes what is still there.
 */
/** the attributes items name their asset by: a lead its Page and form, the inbox and content their asset, a campaign its ad account */
/** the attributes that name the asset an item was kept for (`wabaId`: a WhatsApp account's templates) */
const ASSET_ID_FIELDS = [
  'pageId',
  'assetId',
  'formId',
  'adAccountId',
  'instagramAccountId',
  'phoneNumberId',
  'wabaId',
];

export class DynamoPurgeStore implements PurgeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async connectionItemKeys(
    tenantId: string,
    connectionId: string,
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ): Promise<{ keys: ItemKey[]; cursor?: string }> {
    return this.keysWhere(tenantId, connectionId, opts, '', {});
  }

  async assetItemKeys(
    tenantId: string,
    connectionId: string,
    assetIds: string[],
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ): Promise<{ keys: ItemKey[]; cursor?: string }> {
    if (assetIds.length === 0 || assetIds.length > 100) throw new Error('between 1 and 100 asset ids');
    const values = Object.fromEntries(assetIds.map((id, i) => [`:a${i}`, id]));
    const list = Object.keys(values).join(', ');
    const anyField = ASSET_ID_FIELDS.map((f) => `${f} IN (${list})`).join(' OR ');
    return this.keysWhere(tenantId, connectionId, opts, ` AND (${anyField})`, values);
  }

  /** The keys of the connection's items that also match `extra`, a page at a time. */
  private async keysWhere(
    tenantId: string,
    connectionId: string,
    opts: { keepLeads: boolean; limit: number; cursor?: string },
    extra: string,
    extraValues: Record<string, string>,
  ): Promise<{ keys: ItemKey[]; cursor?: string }> {
    const pk = tenantPk(tenantId);
    const keys: ItemKey[] = [];
    let start = decodeCursor(opts.cursor, { pk });
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          // the connection record itself is deleted last, by deleteConnection
          // kept leads keep the tombstones of erased ones, so a reconnect never stores those again
          FilterExpression: `connectionId = :c AND entity <> :self${opts.keepLeads ? ' AND entity <> :lead AND entity <> :erased' : ''}${extra}`,
          ExpressionAttributeValues: {
            ':pk': pk,
            ':c': connectionId,
            ':self': CONNECTION_ENTITY,
            ...(opts.keepLeads ? { ':lead': 'lead', ':erased': 'lead-erased' } : {}),
            ...extraValues,
          },
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: start,
        }),
      );
      for (const i of out.Items ?? []) keys.push({ pk: i.pk, sk: i.sk });
      start = out.LastEvaluatedKey;
    } while (start && keys.length < opts.limit);
    return { keys, cursor: encodeCursor(start) ?? undefined };
  }

  /**
   * The asset → tenant routes of the connection: those its selection names, and any the selection index
   * still lists for it (a selection change that crashed half-way may have left one behind).
   */
  async routeKeys(tenantId: string, connectionId: string, assetIds: string[]): Promise<ItemKey[]> {
    const sk = routeSk(tenantId, connectionId);
    const ids = new Set(assetIds);
    for (const kind of ASSET_KINDS) {
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :s)',
        ExpressionAttributeValues: { ':p': selectedIndexPk(kind), ':s': `${sk}#` },
      });
      for (const i of items) if (typeof i.assetId === 'string') ids.add(i.assetId);
    }
    return [...ids].map((id) => ({ pk: routePk(id), sk }));
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

  async deleteConnection(tenantId: string, connectionId: string): Promise<void> {
    await this.deleteKeys([{ pk: tenantPk(tenantId), sk: connectionSk(connectionId) }]);
  }
}
