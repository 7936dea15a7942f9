/**
 * Which figures are kept for each post and media, where Meta serves each one, and which ones Meta
 * removed. Like the account insights (insights/metric-catalog.ts), a removed metric is never asked for and
 * is reported unavailable with the date and its replacement, never as 0; one Meta stops serving later is
 * found at run time (its invalid-metric error) and recorded per asset.
 *
 * Facebook posts (https://developers.facebook.com/docs/graph-api/reference/insights/, post metrics):
 * views = `post_media_view`, reach = `post_total_media_view_unique` (the replacements Meta names for the
 * impressions metrics), clicks = `post_clicks`, reactions by type = `post_reactions_by_type_total`; total
 * reactions and comments are the `summary.total_count` of the post's `reactions` and `comments` edges and
 * shares its `shares.count` (https://developers.facebook.com/docs/graph-api/reference/post/), which need
 * no insights permission.
 *
 * Instagram media (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights):
 * `views`, `reach`, `likes`, `comments`, `shares`, `saved`, `total_interactions`.
 */
import type { ContentPlatform } from './content-model';

export type MetricSource =
  | { from: 'insights'; meta: string; key?: string }
  | { from: 'edge'; edge: 'reactions' | 'comments' | 'shares' };

export const REACTION_TYPES = ['like', 'love', 'wow', 'haha', 'sorry', 'anger'] as const;

export const FACEBOOK_METRICS: Readonly<Record<string, MetricSource>> = {
  views: { from: 'insights', meta: 'post_media_view' },
  reach: { from: 'insights', meta: 'post_total_media_view_unique' },
  clicks: { from: 'insights', meta: 'post_clicks' },
  reactions: { from: 'edge', edge: 'reactions' },
  ...Object.fromEntries(
    REACTION_TYPES.map((t) => [
      `reactions_${t}`,
      { from: 'insights', meta: 'post_reactions_by_type_total', key: t } as MetricSource,
    ]),
  ),
  comments: { from: 'edge', edge: 'comments' },
  shares: { from: 'edge', edge: 'shares' },
};

export const INSTAGRAM_METRICS: Readonly<Record<string, MetricSource>> = {
  views: { from: 'insights', meta: 'views' },
  reach: { from: 'insights', meta: 'reach' },
  likes: { from: 'insights', meta: 'likes' },
  comments: { from: 'insights', meta: 'comments' },
  shares: { from: 'insights', meta: 'shares' },
  saves: { from: 'insights', meta: 'saved' },
  total_interactions: { from: 'insights', meta: 'total_interactions' },
};

export const METRICS_OF: Record<ContentPlatform, Readonly<Record<string, MetricSource>>> = {
  facebook: FACEBOOK_METRICS,
  instagram: INSTAGRAM_METRICS,
};

/** every metric key kept for some platform (what `sort` may name) */
export const CONTENT_METRIC_KEYS = [
  ...new Set([...Object.keys(FACEBOOK_METRICS), ...Object.keys(INSTAGRAM_METRICS)]),
].sort();

/** The insights metrics (Meta's names) one list call asks for, without those known to be unavailable. */
export function insightsToRead(platform: ContentPlatform, unavailable: ReadonlySet<string>): string[] {
  const names = Object.values(METRICS_OF[platform]).flatMap((s) => (s.from === 'insights' ? [s.meta] : []));
  return [...new Set(names)].filter((m) => !unavailable.has(m));
}

export interface RemovedContentMetric {
  platform: ContentPlatform;
  /** the day Meta stopped serving it on every version */
  removedOn: string;
  /** the metric key that replaces it here, if any */
  replacement: string | null;
}

/**
 * Meta's removals: `post_impressions_unique` and the other `*_unique` post impressions by 2025-06-15
 * (https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics), `post_impressions` on
 * 2025-11-15, replaced by views (https://developers.facebook.com/blog/post/2025/08/15/page-insights-api-updates/);
 * Instagram media `impressions`, `plays`, `clips_replays_count` and `ig_reels_aggregated_all_plays_count`
 * on 2025-04-21, replaced by `views`
 * (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights).
 */
export const REMOVED_CONTENT_METRICS: Readonly<Record<string, RemovedContentMetric>> = {
  post_impressions: { platform: 'facebook', removedOn: '2025-11-15', replacement: 'views' },
  post_impressions_unique: { platform: 'facebook', removedOn: '2025-06-15', replacement: 'reach' },
  post_impressions_paid_unique: { platform: 'facebook', removedOn: '2025-06-15', replacement: null },
  post_impressions_organic_unique: { platform: 'facebook', removedOn: '2025-06-15', replacement: null },
  post_impressions_fan_unique: { platform: 'facebook', removedOn: '2025-06-15', replacement: null },
  impressions: { platform: 'instagram', removedOn: '2025-04-21', replacement: 'views' },
  plays: { platform: 'instagram', removedOn: '2025-04-21', replacement: 'views' },
  clips_replays_count: { platform: 'instagram', removedOn: '2025-04-21', replacement: null },
  ig_reels_aggregated_all_plays_count: {
    platform: 'instagram',
    removedOn: '2025-04-21',
    replacement: 'views',
  },
};

export type ContentMetricView =
  | { value: number | null; available: true }
  | {
      value: null;
      available: false;
      reason: 'metric_removed_by_meta' | 'metric_not_served_by_meta';
      removedOn?: string;
      replacement?: string | null;
    };

/**
 * The figures of one item as the API shows them: each kept metric with its value (null: Meta has none
 * yet), those Meta stopped serving for the asset as unavailable, and Meta's removed metrics of the
 * platform as unavailable with their date and replacement.
 */
export function metricsView(
  platform: ContentPlatform,
  values: Record<string, number | null>,
  unavailableMeta: ReadonlySet<string>,
): Record<string, ContentMetricView> {
  const out: Record<string, ContentMetricView> = {};
  for (const [key, source] of Object.entries(METRICS_OF[platform])) {
    out[key] =
      source.from === 'insights' && unavailableMeta.has(source.meta)
        ? { value: null, available: false, reason: 'metric_not_served_by_meta' }
        : { value: values[key] ?? null, available: true };
  }
  for (const [name, removed] of Object.entries(REMOVED_CONTENT_METRICS))
    if (removed.platform === platform)
      out[name] = {
        value: null,
        available: false,
        reason: 'metric_removed_by_meta',
        removedOn: removed.removedOn,
        replacement: removed.replacement,
      };
  return out;
}

/** the metric keys whose Meta source is unavailable for an asset */
export function unavailableKeys(
  platform: ContentPlatform,
  unavailableMeta: ReadonlySet<string>,
): Set<string> {
  return new Set(
    Object.entries(METRICS_OF[platform])
      .filter(([, s]) => s.from === 'insights' && unavailableMeta.has(s.meta))
      .map(([k]) => k),
  );
}
