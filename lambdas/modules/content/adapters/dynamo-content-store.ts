/**
 * Synced content in the tenant's partition: one item per post or media (`CNT#`), listed by publication
 * time through gsi2; one reading of its figures per day (`CNTH#<id>#<date>`); the calendar post it came
 * from (`CNTL#`, written by the publishing side, never overwritten by a sync); each asset's sync state
 * (`CNTS#`) and the metrics Meta stopped serving for it (`CNTX#`). Every item carries the connection id (the
 * purge finds it) and the retention TTL.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { TableStore, withoutTableAttributes } from '../../../platform/adapters/table/table-store';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { ContentLink, ContentRecord, MetricSnapshot } from '../core/content-model';
import type { ContentAssetState, ContentFilter, ContentRepository } from '../ports';
import { equalityFilter } from '../../../adapters/dynamodb/equality-filter';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import { GSIS } from '../../../platform/contracts/table-schema';

const itemSk = (id: string) => `CNT#${id}`;
const historySk = (id: string, date: string) => `CNTH#${id}#${date}`;
const linkSk = (id: string) => `CNTL#${id}`;
const stateSk = (connectionId: string, assetId: string) => `CNTS#${connectionId}#${assetId}`;
const unavailableSk = (assetId: string, metric: string) => `CNTX#${assetId}#${metric}`;
/** the tenant's content by publication time */
const contentIndexPk = (tenantId: string) => `T#${tenantId}#CONTENT`;

const strip = withoutTableAttributes;

const BATCH_GET = 100;

export class DynamoContentRepository extends TableStore implements ContentRepository {
  async putItems(items: ContentRecord[], snapshots: MetricSnapshot[]): Promise<void> {
    await this.writeBatch([
      ...items.map((c) => ({
        pk: tenantPk(c.tenantId),
        sk: itemSk(c.id),
        entity: 'content',
        gsi2pk: contentIndexPk(c.tenantId),
        gsi2sk: `${c.publishedAt}#${c.id}`,
        ...c,
      })),
      ...snapshots.map((h) => ({
        pk: tenantPk(h.tenantId),
        sk: historySk(h.contentId, h.date),
        entity: 'content-metrics',
        ...h,
      })),
    ]);
  }

  async getItem(tenantId: string, id: string): Promise<ContentRecord | undefined> {
    const item = await this.readItem(tenantKey(tenantId, itemSk(id)));
    return item && live(item) ? strip<ContentRecord>(item) : undefined;
  }

  async getItems(tenantId: string, ids: string[]): Promise<ContentRecord[]> {
    return (await this.batchGet(tenantId, ids.map(itemSk))).map((i) => strip<ContentRecord>(i));
  }

  async deleteItem(tenantId: string, id: string): Promise<void> {
    const pk = tenantPk(tenantId);
    const history = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': `CNTH#${id}#` },
      ProjectionExpression: 'pk, sk',
    });
    await this.writeBatch(
      [],
      [{ pk, sk: itemSk(id) }, { pk, sk: linkSk(id) }, ...history.map((h) => ({ pk: h.pk, sk: h.sk }))],
    );
  }

  async history(tenantId: string, id: string): Promise<MetricSnapshot[]> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': `CNTH#${id}#` },
    });
    return items.filter(live).map((i) => strip<MetricSnapshot>(i));
  }

  async list(tenantId: string, filter: ContentFilter, page: PageRequest): Promise<Page<ContentRecord>> {
    const pk = contentIndexPk(tenantId);
    return this.queryFilledPage(this.rangeQuery(pk, filter), page, { gsi2pk: pk }, (i) =>
      live(i) ? strip<ContentRecord>(i) : undefined,
    );
  }

  async listAll(tenantId: string, filter: ContentFilter, cap: number): Promise<ContentRecord[] | null> {
    const pk = contentIndexPk(tenantId);
    const items: ContentRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.queryItems({ ...this.rangeQuery(pk, filter), ExclusiveStartKey: start });
      items.push(...(out.Items ?? []).filter(live).map((i) => strip<ContentRecord>(i)));
      if (items.length > cap) return null;
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async putLink(link: ContentLink): Promise<void> {
    await this.writeItem({
      pk: tenantPk(link.tenantId),
      sk: linkSk(link.contentId),
      entity: 'content-link',
      ...link,
    });
  }

  async getLinks(tenantId: string, ids: string[]): Promise<Map<string, ContentLink>> {
    const links = (await this.batchGet(tenantId, ids.map(linkSk))).map((i) => strip<ContentLink>(i));
    return new Map(links.map((l) => [l.contentId, l]));
  }

  getAssetState(
    tenantId: string,
    connectionId: string,
    assetId: string,
  ): Promise<ContentAssetState | undefined> {
    return this.readRecord<ContentAssetState>(tenantKey(tenantId, stateSk(connectionId, assetId)));
  }

  async saveAssetState(state: ContentAssetState): Promise<void> {
    await this.writeItem({
      pk: tenantPk(state.tenantId),
      sk: stateSk(state.connectionId, state.assetId),
      entity: 'content-sync-state',
      ...state,
    });
  }

  async markUnavailable(
    tenantId: string,
    connectionId: string,
    assetId: string,
    metric: string,
  ): Promise<void> {
    await this.writeTenantItem({
      tenantId,
      sk: unavailableSk(assetId, metric),
      entity: 'content-metric-unavailable',
      connectionId,
      assetId,
      metric,
      reason: 'metric_not_served_by_meta',
    });
  }

  async listUnavailable(tenantId: string, assetId: string): Promise<string[]> {
    const items = await this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': `CNTX#${assetId}#` },
    });
    return items.map((i) => i.metric as string);
  }

  /** the tenant's content index between the bounds, newest first, narrowed by asset and type */
  private rangeQuery(pk: string, filter: ContentFilter) {
    const values: Record<string, unknown> = {
      ':pk': pk,
      ':from': filter.since ?? '0',
      // `#` sorts after every character of an ISO time: the whole last second is in
      ':to': `${filter.until ?? '9999'}#~`,
    };
    const filters = equalityFilter({ assetId: filter.assetId, type: filter.type }, values);
    return {
      IndexName: GSIS.byTenantSecondary.indexName,
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ...filters,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    };
  }

  private async batchGet(tenantId: string, sks: string[]): Promise<Record<string, unknown>[]> {
    const pk = tenantPk(tenantId);
    const out: Record<string, unknown>[] = [];
    const unique = [...new Set(sks)];
    for (let i = 0; i < unique.length; i += BATCH_GET) {
      let keys: Record<string, unknown>[] | undefined = unique
        .slice(i, i + BATCH_GET)
        .map((sk) => ({ pk, sk }));
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
        const res = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        out.push(...(res.Responses?.[this.tableName] ?? []));
        keys = res.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return out.filter(live);
  }
}

/** DynamoDB deletes expired items within days, not at once: an expired one is already gone */
function live(item: Record<string, unknown>): boolean {
  return !(typeof item.expiresAt === 'number' && item.expiresAt <= Math.floor(Date.now() / 1000));
}
