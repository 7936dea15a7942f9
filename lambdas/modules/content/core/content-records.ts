/**
 * A post or media as Meta listed it → the stored item and the day's reading of its figures. Figures are
 * mapped through the catalog (content-metrics.ts); a metric Meta had no value for stays null, never 0.
 */
import type { RetentionSettings } from '../../../platform/core/retention-policy';
import { ttlFor } from '../../../platform/core/retention-policy';
import {
  clipText,
  contentIdFor,
  facebookType,
  instagramType,
  type ContentPlatform,
  type ContentRecord,
  type MetricSnapshot,
} from './content-model';
import { METRICS_OF, type MetricSource } from './content-metrics';
import type { GraphContentItem } from '../ports';

function valueOf(source: MetricSource, item: GraphContentItem): number | null {
  if (source.from === 'edge') {
    const n = item.edges[source.edge];
    // Meta leaves `shares` out of a post nobody shared: that absence is a real zero
    if (n === undefined) return source.edge === 'shares' ? 0 : null;
    return n;
  }
  const v = item.insights[source.meta];
  if (v === undefined) return null;
  if (typeof v === 'number') return source.key ? null : v;
  // a breakdown (reactions by type) leaves out the types nobody used
  return source.key ? (v[source.key] ?? 0) : null;
}

export function figuresOf(platform: ContentPlatform, item: GraphContentItem): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(METRICS_OF[platform]).map(([key, source]) => [key, valueOf(source, item)]),
  );
}

export interface AssetRef {
  tenantId: string;
  connectionId: string;
  platform: ContentPlatform;
  assetId: string;
}

/** null when the post is already past the tenant's content retention */
export function recordOf(
  asset: AssetRef,
  item: GraphContentItem,
  retention: RetentionSettings,
  now: Date,
): { record: ContentRecord; snapshot: MetricSnapshot } | null {
  const expiresAt = ttlFor('content', retention, item.publishedAt).expiresAt;
  if (expiresAt <= Math.floor(now.getTime() / 1000)) return null;
  const id = contentIdFor(asset.platform, item.metaId);
  const metrics = figuresOf(asset.platform, item);
  const at = now.toISOString();
  return {
    record: {
      tenantId: asset.tenantId,
      id,
      connectionId: asset.connectionId,
      platform: asset.platform,
      assetId: asset.assetId,
      metaId: item.metaId,
      type:
        asset.platform === 'facebook'
          ? facebookType(item.statusType)
          : instagramType(item.productType, item.mediaType),
      publishedAt: item.publishedAt.toISOString(),
      permalink: item.permalink,
      ...clipText(item.text),
      mediaUrl: item.mediaUrl,
      metrics,
      metricsAt: at,
      syncedAt: at,
      expiresAt,
    },
    snapshot: {
      tenantId: asset.tenantId,
      connectionId: asset.connectionId,
      contentId: id,
      date: at.slice(0, 10),
      at,
      values: metrics,
      expiresAt,
    },
  };
}
