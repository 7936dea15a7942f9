/**
 * Daily insights sync: aggregated counters for every selected Page and Instagram account (one metric at
 * a time, so a metric Meta removed is recorded as unavailable instead of failing the rest), and daily
 * spend, impressions, clicks and leads for every campaign created through the service. Ranges longer than
 * Meta's synchronous window go through an asynchronous report run, polled until complete.
 */
import { MetaGraphError } from '../meta/graph-error';
import type { CampaignDay } from '../meta/meta-graph';
import type { AdsDeps } from '../ads/manage-campaigns';
import type { InsightPoint, InsightsRepository } from '../ports';
import { DEFAULT_RETENTION, ttlFor } from '../privacy/retention-policy';

export const PAGE_METRICS = [
  'page_media_view',
  'page_total_media_view_unique',
  'page_post_engagements',
  'page_daily_follows',
  'page_impressions_unique',
];
export const INSTAGRAM_METRICS = ['reach', 'views', 'follower_count', 'impressions'];
export const CAMPAIGN_METRICS = ['spend', 'impressions', 'clicks', 'leads'] as const;
/** Above this many days a campaign range is read with an asynchronous report. */
export const SYNC_RANGE_DAYS = 30;

export interface InsightsDeps extends AdsDeps {
  insights: InsightsRepository;
}

export interface SyncSummary {
  assets: number;
  points: number;
  unavailable: Array<{ assetId: string; metric: string }>;
  asyncReports: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function syncInsights(
  deps: InsightsDeps,
  range: { days: number; tenantId?: string } = { days: 2 },
): Promise<SyncSummary> {
  const summary: SyncSummary = { assets: 0, points: 0, unavailable: [], asyncReports: 0 };
  const now = deps.clock.now();
  const until = Math.floor(now.getTime() / 1000);
  const since = until - range.days * 86_400;
  const expiresAt = ttlFor('insight', DEFAULT_RETENTION, now).expiresAt;

  for (const kind of ['pages', 'instagramAccounts'] as const) {
    for (const route of await deps.connections.listSelected(kind)) {
      if (range.tenantId && route.tenantId !== range.tenantId) continue;
      const connection = await deps.connections.get(route.tenantId, route.connectionId);
      if (
        !connection?.userTokenCiphertext ||
        connection.status === 'expired' ||
        connection.status === 'revoked'
      )
        continue;
      const ctx = { tenantId: route.tenantId, connectionId: route.connectionId };
      const pageId =
        kind === 'pages'
          ? route.assetId
          : (await deps.connections.getAssets(ctx.tenantId, ctx.connectionId))?.instagramAccounts.find(
              (a) => a.id === route.assetId,
            )?.pageId;
      const rec = pageId
        ? await deps.connections.getPageToken(ctx.tenantId, ctx.connectionId, pageId)
        : undefined;
      if (!rec) continue;
      const token = await deps.vault.decrypt(rec.ciphertext, ctx);
      summary.assets++;
      for (const metric of kind === 'pages' ? PAGE_METRICS : INSTAGRAM_METRICS) {
        try {
          const values = await deps.graph.seriesInsights(route.assetId, token, metric, since, until);
          const points: InsightPoint[] = values.map((v) => ({
            assetId: route.assetId,
            metric,
            date: v.date,
            value: v.value,
          }));
          await deps.insights.putPoints(ctx.tenantId, ctx.connectionId, points, expiresAt);
          summary.points += points.length;
        } catch (err) {
          if (err instanceof MetaGraphError && err.code === 100) {
            await deps.insights.markUnavailable(
              ctx.tenantId,
              ctx.connectionId,
              route.assetId,
              metric,
              'metric_not_served_by_meta',
            );
            summary.unavailable.push({ assetId: route.assetId, metric });
            continue;
          }
          throw err;
        }
      }
    }
  }
  summary.points += await syncCampaigns(deps, now, range.days, expiresAt, summary, range.tenantId);
  return summary;
}

async function syncCampaigns(
  deps: InsightsDeps,
  now: Date,
  days: number,
  expiresAt: number,
  summary: SyncSummary,
  tenantId?: string,
): Promise<number> {
  let points = 0;
  const connections = await deps.connections.listAll({ limit: 200 });
  for (const connection of connections.items) {
    if (tenantId && connection.tenantId !== tenantId) continue;
    if (!connection.userTokenCiphertext || connection.status === 'expired' || connection.status === 'revoked')
      continue;
    const campaigns = (await deps.campaigns.list(connection.tenantId, { limit: 200 })).items.filter(
      (c) => c.connectionId === connection.connectionId && c.meta.campaignId,
    );
    if (campaigns.length === 0) continue;
    const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
      tenantId: connection.tenantId,
      connectionId: connection.connectionId,
    });
    const since = day(new Date(now.getTime() - days * 86_400_000));
    const until = day(now);
    for (const c of campaigns) {
      let rows: CampaignDay[];
      if (days > SYNC_RANGE_DAYS) {
        summary.asyncReports++;
        const report = await deps.graph.startInsightsReport(c.meta.campaignId!, token, since, until);
        for (let poll = 0; ; poll++) {
          const status = await deps.graph.insightsReportStatus(report, token);
          if (status.failed) throw new Error(`insights report ${report} failed`);
          if (status.done) break;
          if (poll > 30) throw new Error(`insights report ${report} did not finish`);
          await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * 2 ** poll)));
        }
        rows = await deps.graph.insightsReportDays(report, token);
      } else {
        rows = await deps.graph.campaignDays(c.meta.campaignId!, token, since, until);
      }
      const assetId = c.meta.campaignId!;
      const pts = rows.flatMap((r) =>
        CAMPAIGN_METRICS.map((m) => ({ assetId, metric: m, date: r.date, value: r[m] })),
      );
      await deps.insights.putPoints(connection.tenantId, connection.connectionId, pts, expiresAt);
      points += pts.length;
    }
  }
  return points;
}

/** `GET /insights`: a metric of an asset by day; a metric Meta no longer serves says so instead of 0. */
export async function readInsights(
  deps: Pick<InsightsDeps, 'insights'>,
  tenantId: string,
  q: { assetId: string; metric: string; since: string; until: string },
) {
  const reason = await deps.insights.unavailableReason(tenantId, q.assetId, q.metric);
  if (reason) return { ...q, available: false, reason, points: [] };
  const points = await deps.insights.query(tenantId, q.assetId, q.metric, q.since, q.until);
  return {
    ...q,
    available: true,
    reason: null,
    points: points.map((p) => ({ date: p.date, value: p.value })),
  };
}
