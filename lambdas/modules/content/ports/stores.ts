/**
 * What content sync needs from Meta and from storage. The Graph side reads a Page's published posts or
 * an Instagram account's media a page at a time, each with its figures by field expansion, many lists in
 * one batch request; each list is answered on its own (one may fail while the others succeed).
 */
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { ContentLink, ContentPlatform, ContentRecord, MetricSnapshot } from '../core/content-model';

export interface ContentListRequest {
  platform: ContentPlatform;
  /** the Page or Instagram account */
  assetId: string;
  /** the Page token (an Instagram account is read with its linked Page's) */
  token: string;
  /** Unix seconds: published at or after / before */
  since: number;
  until: number;
  /** the next page of an earlier answer */
  after?: string;
  /** Meta's insights metric names to read by field expansion */
  insights: readonly string[];
  /** posts per page (Meta's most is 100, the default here) */
  limit?: number;
}

export interface GraphContentItem {
  metaId: string;
  publishedAt: Date;
  /** Facebook's `status_type`; Instagram's `media_product_type` and `media_type` */
  statusType: string | null;
  productType: string | null;
  mediaType: string | null;
  permalink: string | null;
  text: string | null;
  mediaUrl: string | null;
  /** `summary.total_count` of the edges read for their count, and `shares.count` (absent = none) */
  edges: { reactions?: number; comments?: number; shares?: number };
  /** Meta's insights by metric name; a metric Meta had no value for is absent */
  insights: Record<string, number | Record<string, number>>;
}

export type ContentListResult =
  | { ok: true; items: GraphContentItem[]; after: string | null }
  /** Meta refused this list (the error is a MetaGraphError, or the answer's shape was wrong) */
  | { ok: false; reason: 'error'; error: unknown }
  /** Meta did not finish it within the batch's time limit: ask again */
  | { ok: false; reason: 'not_completed' };

export interface ContentGraph {
  /**
   * At most {@link MAX_LISTS_PER_CALL} lists in one Graph request (a batch); the answers come back in the
   * order asked. `fallbackToken` is the batch's own token (each list carries its own).
   */
  readPages(requests: readonly ContentListRequest[], fallbackToken: string): Promise<ContentListResult[]>;
}

/** Meta's batch limit (https://developers.facebook.com/docs/graph-api/batch-requests) */
export const MAX_LISTS_PER_CALL = 50;

/** Where the scheduled sync stands for one asset. */
export interface ContentAssetState {
  tenantId: string;
  connectionId: string;
  assetId: string;
  platform: ContentPlatform;
  /** the first full read of the asset's history; absent until it finished */
  firstSyncAt?: string;
  /** when each age band was last read through to its end */
  youngReadAt?: string;
  settlingReadAt?: string;
  matureReadAt?: string;
  lastRun?: { at: string; outcome: string; items: number };
}

export interface ContentFilter {
  assetId?: string;
  type?: string;
  /** ISO bounds on publishedAt */
  since?: string;
  until?: string;
}

export interface ContentRepository {
  /** Writes items and their readings (BatchWrite); an item's latest reading replaces the previous one. */
  putItems(items: ContentRecord[], snapshots: MetricSnapshot[]): Promise<void>;
  getItem(tenantId: string, id: string): Promise<ContentRecord | undefined>;
  getItems(tenantId: string, ids: string[]): Promise<ContentRecord[]>;
  /** The item, its readings and its calendar link. */
  deleteItem(tenantId: string, id: string): Promise<void>;
  history(tenantId: string, id: string): Promise<MetricSnapshot[]>;
  /** Newest publication first. */
  list(tenantId: string, filter: ContentFilter, page: PageRequest): Promise<Page<ContentRecord>>;
  /** Every item the filter matches, for sorting by a figure; `null` when there are more than `cap`. */
  listAll(tenantId: string, filter: ContentFilter, cap: number): Promise<ContentRecord[] | null>;
  putLink(link: ContentLink): Promise<void>;
  getLinks(tenantId: string, ids: string[]): Promise<Map<string, ContentLink>>;
  getAssetState(
    tenantId: string,
    connectionId: string,
    assetId: string,
  ): Promise<ContentAssetState | undefined>;
  saveAssetState(state: ContentAssetState): Promise<void>;
  /** Remembers that Meta no longer serves an insights metric (Meta's name) for the asset's content. */
  markUnavailable(tenantId: string, connectionId: string, assetId: string, metaMetric: string): Promise<void>;
  listUnavailable(tenantId: string, assetId: string): Promise<string[]>;
}
