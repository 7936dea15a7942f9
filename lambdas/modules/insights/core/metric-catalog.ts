/**
 * Which daily counters the service collects, and which ones Meta stopped serving.
 * A removed metric is never asked for — it would only fail — and is reported as unavailable with the date
 * and the metric that replaced it, never as zero. Metrics Meta retires later are found at run time (its
 * invalid-metric error) and recorded per asset.
 */
export type InsightKind = 'page' | 'instagram' | 'campaign';

/** Page metrics maintained clients still read (time series, `period=day`). */
export const PAGE_METRICS = [
  'page_media_view',
  'page_total_media_view_unique',
  'page_post_engagements',
  'page_daily_follows_unique',
  'page_daily_unfollows_unique',
  'page_follows',
  'page_views_total',
  'page_video_views',
] as const;

/** Instagram account metrics served as a daily time series (at most 30 days per call). */
export const INSTAGRAM_SERIES_METRICS = ['reach', 'follower_count'] as const;

/** Instagram account metrics served only as a total over a range: read one day at a time. */
export const INSTAGRAM_TOTAL_METRICS = ['views', 'accounts_engaged', 'total_interactions'] as const;

/** Campaign insights by day; `leads` is `actions[action_type=lead]`. */
export const CAMPAIGN_METRICS = ['spend', 'impressions', 'reach', 'clicks', 'leads'] as const;

export interface RemovedMetric {
  kind: InsightKind;
  /** when Meta stopped serving it, as its changelog says (the day, or the first day it failed) */
  removedOn: string;
  replacement: string | null;
}

/**
 * Meta's deprecated-metrics page (https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics):
 * the `*_unique` impressions by 2025-06-15; the remaining `impressions` metrics and the `page_fans` family
 * on 2025-11-15 (https://developers.facebook.com/blog/post/2025/08/15/page-insights-api-updates/); the
 * 2024-03-14 wave. Instagram `impressions`: gone on every version on 2025-04-21.
 */
export const REMOVED_METRICS: Readonly<Record<string, RemovedMetric>> = {
  page_impressions: { kind: 'page', removedOn: '2025-11-15', replacement: 'page_media_view' },
  page_impressions_unique: {
    kind: 'page',
    removedOn: '2025-06-15',
    replacement: 'page_total_media_view_unique',
  },
  page_impressions_paid_unique: { kind: 'page', removedOn: '2025-06-15', replacement: null },
  page_fans: { kind: 'page', removedOn: '2025-11-15', replacement: 'page_follows' },
  page_fan_adds: { kind: 'page', removedOn: '2025-11-15', replacement: 'page_daily_follows_unique' },
  page_engaged_users: { kind: 'page', removedOn: '2024-03-14', replacement: 'page_post_engagements' },
  page_consumptions: { kind: 'page', removedOn: '2024-03-14', replacement: null },
  impressions: { kind: 'instagram', removedOn: '2025-04-21', replacement: 'views' },
};

export type MetricStatus =
  | { status: 'collected'; kinds: InsightKind[] }
  | ({ status: 'removed' } & RemovedMetric)
  | { status: 'not_collected' };

export function metricStatus(metric: string): MetricStatus {
  const removed = REMOVED_METRICS[metric];
  if (removed) return { status: 'removed', ...removed };
  const kinds: InsightKind[] = [];
  if ((PAGE_METRICS as readonly string[]).includes(metric)) kinds.push('page');
  if (
    (INSTAGRAM_SERIES_METRICS as readonly string[]).includes(metric) ||
    (INSTAGRAM_TOTAL_METRICS as readonly string[]).includes(metric)
  )
    kinds.push('instagram');
  if ((CAMPAIGN_METRICS as readonly string[]).includes(metric)) kinds.push('campaign');
  return kinds.length > 0 ? { status: 'collected', kinds } : { status: 'not_collected' };
}

export { isInvalidMetricError } from '../../../platform/core/graph/invalid-metric';
