import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../../platform/adapters/table/query-all';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../platform/core/errors';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { AssetRoute, ConnectionStore } from '../ports';
import { CONNECTION_REVOKED, type ConnectionRecord, type PageTokenRecord } from '../contracts/connection';
import { ASSET_KINDS, type AssetCatalog, type AssetSelection } from '../contracts/assets';
import { GSIS } from '../../../platform/contracts/table-schema';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import {
  assetsSk,
  connectionChildSk,
  connectionSk,
  metaUserGsiPk,
  pageTokenSk,
  routePk,
  routeSk,
  selectedIndexPk,
  tenantPk,
} from '../../../platform/adapters/table/keys';

const ENTITY = 'connection';
const ALL_CONNECTIONS = 'CONNECTIONS';

export class DynamoConnectionStore implements ConnectionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private item(c: ConnectionRecord) {
    return {
      pk: tenantPk(c.tenantId),
      sk: connectionSk(c.connectionId),
      gsi1pk: metaUserGsiPk(c.metaUserId),
      gsi1sk: `${tenantPk(c.tenantId)}#${connectionSk(c.connectionId)}`,
      // every connection in one index partition, for the daily token watch
      gsi2pk: ALL_CONNECTIONS,
      gsi2sk: `${tenantPk(c.tenantId)}#${connectionSk(c.connectionId)}`,
      entity: ENTITY,
      ...c,
    };
  }

  async create(c: ConnectionRecord): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(c),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        throw new DomainError('conflict', `Connection ${c.connectionId} exists`, 'connection_exists');
      }
      throw err;
    }
  }

  async update(c: ConnectionRecord, options: { reconnect?: boolean } = {}): Promise<void> {
    const guarded = c.status !== 'revoked' && !options.reconnect;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(c),
          ...(guarded
            ? {
                ConditionExpression: 'attribute_exists(pk) AND #status <> :revoked',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':revoked': 'revoked' },
              }
            : {}),
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        throw new DomainError(
          'conflict',
          `Connection ${c.connectionId} was disconnected`,
          CONNECTION_REVOKED,
        );
      }
      throw err;
    }
  }

  async get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: connectionSk(connectionId) },
      }),
    );
    return out.Item ? strip(out.Item) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<ConnectionRecord>> {
    const pk = tenantPk(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': 'CON#' },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
        ScanIndexForward: false,
      }),
    );
    return { items: (out.Items ?? []).map(strip), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async listAll(page: PageRequest): Promise<Page<ConnectionRecord>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': ALL_CONNECTIONS },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { gsi2pk: ALL_CONNECTIONS }),
      }),
    );
    return { items: (out.Items ?? []).map(strip), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async listByMetaUser(metaUserId: string): Promise<ConnectionRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: GSIS.byMetaUser.indexName,
      KeyConditionExpression: 'gsi1pk = :u',
      ExpressionAttributeValues: { ':u': metaUserGsiPk(metaUserId) },
    });
    return items.filter((i) => i.entity === ENTITY).map(strip);
  }

  async savePageTokens(tenantId: string, connectionId: string, tokens: PageTokenRecord[]): Promise<void> {
    await this.batchPut(
      tokens.map((t) => ({
        pk: tenantPk(tenantId),
        sk: pageTokenSk(connectionId, t.pageId),
        entity: 'page-token',
        connectionId,
        ...t,
      })),
    );
  }

  async deletePageToken(tenantId: string, connectionId: string, pageId: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: pageTokenSk(connectionId, pageId) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  async deletePageTokens(tenantId: string, connectionId: string): Promise<number> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: {
        ':pk': tenantPk(tenantId),
        ':p': connectionChildSk(connectionId, 'PTOK#'),
      },
      ProjectionExpression: 'pk, sk',
    });
    await this.batchWrite(
      [],
      items.map((i) => ({ pk: i.pk as string, sk: i.sk as string })),
    );
    return items.length;
  }

  async getPageToken(
    tenantId: string,
    connectionId: string,
    pageId: string,
  ): Promise<PageTokenRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: pageTokenSk(connectionId, pageId) },
      }),
    );
    if (!out.Item) return undefined;
    return {
      pageId: out.Item.pageId,
      ciphertext: out.Item.ciphertext,
      tokenExpiresAt: out.Item.tokenExpiresAt ?? null,
    };
  }

  async saveAssets(tenantId: string, connectionId: string, catalog: AssetCatalog): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(tenantId),
          sk: assetsSk(connectionId),
          entity: 'asset-catalog',
          connectionId,
          catalog,
        },
      }),
    );
  }

  async getAssets(tenantId: string, connectionId: string): Promise<AssetCatalog | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: assetsSk(connectionId) },
      }),
    );
    return out.Item?.catalog as AssetCatalog | undefined;
  }

  async saveSelection(
    tenantId: string,
    connectionId: string,
    selection: AssetSelection,
    previous: AssetSelection,
  ): Promise<void> {
    const puts: Record<string, unknown>[] = [];
    const deletes: Array<{ pk: string; sk: string }> = [];
    for (const kind of ASSET_KINDS) {
      const now = new Set(selection[kind]);
      for (const id of selection[kind]) {
        puts.push({
          pk: routePk(id),
          sk: routeSk(tenantId, connectionId),
          gsi2pk: selectedIndexPk(kind),
          gsi2sk: `${routeSk(tenantId, connectionId)}#${id}`,
          entity: 'route',
          tenantId,
          connectionId,
          assetType: kind,
          assetId: id,
        });
      }
      for (const id of previous[kind])
        if (!now.has(id)) deletes.push({ pk: routePk(id), sk: routeSk(tenantId, connectionId) });
    }
    await this.batchWrite(puts, deletes);
  }

  async routesFor(assetId: string): Promise<AssetRoute[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': routePk(assetId) },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      tenantId: i.tenantId,
      connectionId: i.connectionId,
      assetType: i.assetType,
      assetId: i.assetId,
    }));
  }

  async listSelected(assetType: string): Promise<AssetRoute[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: GSIS.byTenantSecondary.indexName,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': selectedIndexPk(assetType) },
    });
    return items.map((i) => ({
      tenantId: i.tenantId,
      connectionId: i.connectionId,
      assetType: i.assetType,
      assetId: i.assetId,
    }));
  }

  private async batchPut(items: Record<string, unknown>[]): Promise<void> {
    await batchWrite(this.db, this.tableName, items);
  }

  private async batchWrite(
    puts: Record<string, unknown>[],
    deletes: Array<{ pk: string; sk: string }>,
  ): Promise<void> {
    await batchWrite(this.db, this.tableName, puts, deletes);
  }
}

function strip(item: Record<string, unknown>): ConnectionRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, entity: _e, ...rest } = item;
  return rest as unknown as ConnectionRecord;
}
