import {
  TableStore,
  isConditionFailure,
  withoutTableAttributes,
} from '../../../platform/adapters/table/table-store';
import { DomainError } from '../../../platform/core/errors';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { AssetRoute, ConnectionStore } from '../ports';
import { CONNECTION_REVOKED, type ConnectionRecord, type PageTokenRecord } from '../contracts/connection';
import { ASSET_KINDS, type AssetCatalog, type AssetSelection } from '../contracts/assets';
import { GSIS } from '../../../platform/contracts/table-schema';
import {
  assetsSk,
  connectionChildSk,
  connectionSk,
  metaUserGsiPk,
  pageTokenSk,
  routePk,
  routeSk,
  selectedIndexPk,
  tenantKey,
  tenantPk,
} from '../../../platform/adapters/table/keys';

const ENTITY = 'connection';
const ALL_CONNECTIONS = 'CONNECTIONS';

export class DynamoConnectionStore extends TableStore implements ConnectionStore {
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
    const created = await this.writeItemIf(this.item(c), { ConditionExpression: 'attribute_not_exists(pk)' });
    if (!created)
      throw new DomainError('conflict', `Connection ${c.connectionId} exists`, 'connection_exists');
  }

  async update(c: ConnectionRecord, options: { reconnect?: boolean } = {}): Promise<void> {
    const guarded = c.status !== 'revoked' && !options.reconnect;
    try {
      await this.writeItem(
        this.item(c),
        guarded
          ? {
              ConditionExpression: 'attribute_exists(pk) AND #status <> :revoked',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':revoked': 'revoked' },
            }
          : {},
      );
    } catch (err) {
      if (isConditionFailure(err)) {
        throw new DomainError(
          'conflict',
          `Connection ${c.connectionId} was disconnected`,
          CONNECTION_REVOKED,
        );
      }
      throw err;
    }
  }

  get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined> {
    return this.readRecord<ConnectionRecord>(tenantKey(tenantId, connectionSk(connectionId)));
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<ConnectionRecord>> {
    const pk = tenantPk(tenantId);
    return this.queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': 'CON#' },
        ScanIndexForward: false,
      },
      page,
      { pk },
      strip,
    );
  }

  async listAll(page: PageRequest): Promise<Page<ConnectionRecord>> {
    return this.queryPage(
      {
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': ALL_CONNECTIONS },
      },
      page,
      { gsi2pk: ALL_CONNECTIONS },
      strip,
    );
  }

  async listByMetaUser(metaUserId: string): Promise<ConnectionRecord[]> {
    const items = await this.queryEvery({
      IndexName: GSIS.byMetaUser.indexName,
      KeyConditionExpression: 'gsi1pk = :u',
      ExpressionAttributeValues: { ':u': metaUserGsiPk(metaUserId) },
    });
    return items.filter((i) => i.entity === ENTITY).map(strip);
  }

  async savePageTokens(tenantId: string, connectionId: string, tokens: PageTokenRecord[]): Promise<void> {
    await this.writeBatch(
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
    return this.removeItem(tenantKey(tenantId, pageTokenSk(connectionId, pageId)));
  }

  async deletePageTokens(tenantId: string, connectionId: string): Promise<number> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: {
        ':pk': tenantPk(tenantId),
        ':p': connectionChildSk(connectionId, 'PTOK#'),
      },
      ProjectionExpression: 'pk, sk',
    });
    await this.writeBatch(
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
    const item = await this.readItem(tenantKey(tenantId, pageTokenSk(connectionId, pageId)));
    if (!item) return undefined;
    return {
      pageId: item.pageId as string,
      ciphertext: item.ciphertext as string,
      tokenExpiresAt: (item.tokenExpiresAt as string | undefined) ?? null,
    };
  }

  async saveAssets(tenantId: string, connectionId: string, catalog: AssetCatalog): Promise<void> {
    await this.writeItem({
      pk: tenantPk(tenantId),
      sk: assetsSk(connectionId),
      entity: 'asset-catalog',
      connectionId,
      catalog,
    });
  }

  async getAssets(tenantId: string, connectionId: string): Promise<AssetCatalog | undefined> {
    const item = await this.readItem(tenantKey(tenantId, assetsSk(connectionId)));
    return item?.catalog as AssetCatalog | undefined;
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
    await this.writeBatch(puts, deletes);
  }

  async routesFor(assetId: string): Promise<AssetRoute[]> {
    const out = await this.queryItems({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': routePk(assetId) },
    });
    return (out.Items ?? []).map(toRoute);
  }

  async listSelected(assetType: string): Promise<AssetRoute[]> {
    const items = await this.queryEvery({
      IndexName: GSIS.byTenantSecondary.indexName,
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': selectedIndexPk(assetType) },
    });
    return items.map(toRoute);
  }
}

function toRoute(i: Record<string, unknown>): AssetRoute {
  return {
    tenantId: i.tenantId as string,
    connectionId: i.connectionId as string,
    assetType: i.assetType as AssetRoute['assetType'],
    assetId: i.assetId as string,
  };
}

function strip(item: Record<string, unknown>): ConnectionRecord {
  return withoutTableAttributes<ConnectionRecord>(item);
}
