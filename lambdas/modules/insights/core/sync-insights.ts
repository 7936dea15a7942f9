/**
 * Insights sync: aggregated daily counters only, nothing about people. For every selected Page, the
 * Page metrics Meta still serves, all in one call per 90-day window; for every selected Instagram
 * account, its daily series (30-day windows) and its daily totals; for every selected ad account, every
 * campaign's spend, impressions, reach, clicks and leads by day in one account-level call — or, past
 * Meta's synchronous window, one asynchronous report run polled until complete.
 *
 * A metric Meta removed is never asked for (metric-catalog.ts); one Meta stops serving later fails its
 * call with the invalid-metric error, so the call is retried metric by metric and the refused one is
 * recorded as unavailable for that asset — reported so, never as zero. Ad accounts are paced by
 * `X-FB-Ads-Insights-Throttle` / the `ads_insights` bucket; an asset Meta refuses (token, limits) is
 * skipped with its reason while the others go on. Each counter expires 13 months after the day it
 * describes.
 */
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import { adAccountPacer, type UsageObserver } from '../../../platform/core/graph/ad-account-pace';
import { DEFAULT_RETENTION, ttlFor } from '../../../platform/core/retention-policy';
import type { AssetRoute, CampaignDay, InsightPoint, InsightsDeps } from '../ports';
import {
  CAMPAIGN_METRICS,
  INSTAGRAM_SERIES_METRICS,
  INSTAGRAM_TOTAL_METRICS,
  PAGE_METRICS,
  isInvalidMetricError,
  metricStatus,
} from './metric-catalog';

export { CAMPAIGN_METRICS, PAGE_METRICS } from './metric-catalog';
export const INSTAGRAM_METRICS = [...INSTAGRAM_SERIES_METRICS, ...INSTAGRAM_TOTAL_METRICS];

/** Above this many days a campaign range is read with an asynchronous report. */
export const SYNC_RANGE_DAYS = 30;
/** Meta answers Page series of at most 93 days (since to until) and Instagram series of at most 30. */
const PAGE_WINDOW_DAYS = 92;
const INSTAGRAM_WINDOW_DAYS = 30;
/** polls of an asynchronous report before this run gives up on it (Meta allows up to an hour) */
const MAX_REPORT_POLLS = 40;

export type { InsightsDeps };

export interface SyncSummary {
  assets: number;
  points: number;
  unavailable: Array<{ assetId: string; metric: string }>;
  asyncReports: number;
  /** assets left for the next run, with why */
  skipped: Array<{ assetId: string; reason: string }>;
}

/** the last `days` days up to today, or a date range (both inclusive, `YYYY-MM-DD`) */
export type SyncRange =
  { days: number; tenantId?: string } | { since: string; until: string; tenantId?: string };

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** inclusive [since, until] cut into windows of at most `size` days */
function windows(since: string, until: string, size: number): Array<{ since: string; until: string }> {
  const out: Array<{ since: string; until: string }> = [];
  for (let t = dayMs(since); t <= dayMs(until); t += size * DAY_MS)
    out.push({ since: iso(t), until: iso(Math.min(t + (size - 1) * DAY_MS, dayMs(until))) });
  return out;
}

class Collector {
  readonly summary: SyncSummary = { assets: 0, points: 0, unavailable: [], asyncReports: 0, skipped: [] };
  constructor(
    private readonly deps: InsightsDeps,
    private readonly now: Date,
  ) {}

  /** stores counters still inside the 13 months, each expiring 13 months after its own day */
  async store(route: { tenantId: string; connectionId: string }, points: InsightPoint[]) {
    const nowS = Math.floor(this.now.getTime() / 1000);
    const kept = points
      .map((p) => ({
        ...p,
        expiresAt: ttlFor('insight', DEFAULT_RETENTION, new Date(dayMs(p.date))).expiresAt,
      }))
      .filter((p) => p.expiresAt > nowS);
    if (kept.length === 0) return;
    await this.deps.insights.putPoints(route.tenantId, route.connectionId, kept, kept[0]!.expiresAt);
    this.summary.points += kept.length;
  }

  async unavailable(route: AssetRoute, metric: string) {
    await this.deps.insights.markUnavailable(
      route.tenantId,
      route.connectionId,
      route.assetId,
      metric,
      'metric_not_served_by_meta',
    );
    this.summary.unavailable.push({ assetId: route.assetId, metric });
  }
}

export async function syncInsights(deps: InsightsDeps, range: SyncRange = { days: 2 }): Promise<SyncSummary> {
  const now = deps.clock.now();
  const until = 'until' in range ? range.until : iso(now.getTime());
  const since = 'since' in range ? range.since : iso(now.getTime() - range.days * DAY_MS);
  const col = new Collector(deps, now);
  const mine = async (kind: 'pages' | 'instagramAccounts' | 'adAccounts') =>
    (await deps.connections.selected(kind)).filter((r) => !range.tenantId || r.tenantId === range.tenantId);

  for (const route of await mine('pages'))
    await guarded(deps, col, route, () => syncPage(deps, col, route, since, until));
  for (const route of await mine('instagramAccounts'))
    await guarded(deps, col, route, () => syncInstagram(deps, col, route, since, until));
  for (const route of await mine('adAccounts'))
    await guarded(deps, col, route, () => syncAdAccount(deps, col, route, since, until));
  return col.summary;
}

/** One asset's failure is its own: a dead token expires the connection, anything Meta refuses is skipped. */
async function guarded(deps: InsightsDeps, col: Collector, route: AssetRoute, run: () => Promise<void>) {
  const connection = await deps.connections.get(route.tenantId, route.connectionId);
  if (!connection?.userTokenCiphertext || connection.status === 'expired' || connection.status === 'revoked')
    return;
  try {
    col.summary.assets++;
    await run();
  } catch (err) {
    if (err instanceof ReportNotRead) {
      col.summary.skipped.push({ assetId: route.assetId, reason: err.reason });
      return;
    }
    if (!(err instanceof MetaGraphError)) throw err;
    const expired = await tokenRefused(deps, route, err, 'system:insights-sync');
    col.summary.skipped.push({
      assetId: route.assetId,
      reason: expired ? `token_invalid_${expired}` : classifyGraphError(err.httpStatus, err.body).reason,
    });
  }
}

async function pageToken(deps: InsightsDeps, route: AssetRoute, pageId: string | undefined) {
  const ciphertext = pageId
    ? await deps.connections.pageToken(route.tenantId, route.connectionId, pageId)
    : undefined;
  return ciphertext
    ? deps.vault.decrypt(ciphertext, { tenantId: route.tenantId, connectionId: route.connectionId })
    : undefined;
}

async function stillServed(deps: InsightsDeps, route: AssetRoute, metrics: readonly string[]) {
  const gone = new Set(await deps.insights.listUnavailable(route.tenantId, route.assetId));
  return metrics.filter((m) => !gone.has(m) && metricStatus(m).status === 'collected');
}

/**
 * One call for all metrics; if Meta refuses a metric, the call fails whole, so each metric is asked on
 * its own and the refused ones are recorded (and dropped from `metrics` for the windows still to come).
 */
async function eachMetric<T>(
  col: Collector,
  route: AssetRoute,
  metrics: string[],
  call: (ms: string[]) => Promise<T>,
): Promise<T[]> {
  if (metrics.length === 0) return [];
  try {
    return [await call(metrics)];
  } catch (err) {
    if (!(err instanceof MetaGraphError) || !isInvalidMetricError(err.code, err.body.message)) throw err;
  }
  const out: T[] = [];
  for (const m of [...metrics]) {
    try {
      out.push(await call([m]));
    } catch (err) {
      if (!(err instanceof MetaGraphError) || !isInvalidMetricError(err.code, err.body.message)) throw err;
      await col.unavailable(route, m);
      metrics.splice(metrics.indexOf(m), 1);
    }
  }
  return out;
}

const unix = (d: string) => Math.floor(dayMs(d) / 1000);

async function syncSeries(
  deps: InsightsDeps,
  col: Collector,
  route: AssetRoute,
  token: string,
  metrics: string[],
  since: string,
  until: string,
  windowDays: number,
) {
  for (const w of windows(since, until, windowDays)) {
    const answers = await eachMetric(col, route, metrics, (ms) =>
      // `until` is exclusive at Meta: the day after the window's last day
      deps.graph.insightsSeries(route.assetId, token, ms, unix(w.since), unix(w.until) + 86_400),
    );
    const points: InsightPoint[] = answers.flatMap((a) =>
      Object.entries(a).flatMap(([metric, values]) =>
        values.map((v) => ({ assetId: route.assetId, metric, date: v.date, value: v.value })),
      ),
    );
    await col.store(route, points);
  }
}

async function syncPage(deps: InsightsDeps, col: Collector, route: AssetRoute, since: string, until: string) {
  const token = await pageToken(deps, route, route.assetId);
  if (!token) return;
  const metrics = await stillServed(deps, route, PAGE_METRICS);
  await syncSeries(deps, col, route, token, metrics, since, until, PAGE_WINDOW_DAYS);
}

async function syncInstagram(
  deps: InsightsDeps,
  col: Collector,
  route: AssetRoute,
  since: string,
  until: string,
) {
  const pageId = await deps.connections.pageOfInstagramAccount(
    route.tenantId,
    route.connectionId,
    route.assetId,
  );
  const token = await pageToken(deps, route, pageId);
  if (!token) return;
  const series = await stillServed(deps, route, INSTAGRAM_SERIES_METRICS);
  await syncSeries(deps, col, route, token, series, since, until, INSTAGRAM_WINDOW_DAYS);
  // totals cover a range, so a daily counter is a one-day range
  const totals = await stillServed(deps, route, INSTAGRAM_TOTAL_METRICS);
  for (const w of windows(since, until, 1)) {
    const answers = await eachMetric(col, route, totals, (ms) =>
      deps.graph.insightsTotals(route.assetId, token, ms, unix(w.since), unix(w.since) + 86_400),
    );
    await col.store(
      route,
      answers.flatMap((a) =>
        Object.entries(a).map(([metric, value]) => ({
          assetId: route.assetId,
          metric,
          date: w.since,
          value,
        })),
      ),
    );
  }
}

async function syncAdAccount(
  deps: InsightsDeps,
  col: Collector,
  route: AssetRoute,
  since: string,
  until: string,
) {
  const connection = await deps.connections.get(route.tenantId, route.connectionId);
  const token = await deps.vault.decrypt(connection!.userTokenCiphertext!, {
    tenantId: route.tenantId,
    connectionId: route.connectionId,
  });
  const pacer = adAccountPacer(deps, {
    tenantId: route.tenantId,
    connectionId: route.connectionId,
    adAccountId: route.assetId,
    bucket: 'ads_insights',
  });
  const paced = async <T>(call: () => Promise<T>): Promise<T | null> => {
    const pace = await pacer.settle();
    if (!pace.go) {
      col.summary.skipped.push({ assetId: route.assetId, reason: pace.reason });
      return null;
    }
    try {
      const out = await call();
      // what Meta said about the account's insights bucket holds back its next call, in any run
      await pacer.record();
      return out;
    } catch (err) {
      const throttled = await pacer.refused(err);
      if (!throttled) throw err;
      col.summary.skipped.push({ assetId: route.assetId, reason: throttled.reason });
      return null;
    }
  };
  let rows: CampaignDay[] | null;
  if ((dayMs(until) - dayMs(since)) / DAY_MS + 1 <= SYNC_RANGE_DAYS) {
    rows = await paced(() =>
      deps.graph.accountCampaignDays(route.assetId, token, since, until, pacer.observe),
    );
  } else {
    col.summary.asyncReports++;
    rows = await paced(() => readReport(deps, route.assetId, token, since, until, pacer.observe));
  }
  if (!rows) return;
  await col.store(
    route,
    rows.flatMap((r) =>
      r.campaignId
        ? CAMPAIGN_METRICS.filter((m) => m !== 'reach' || r.reach !== undefined).map((m) => ({
            assetId: r.campaignId!,
            metric: m,
            date: r.date,
            value: m === 'reach' ? r.reach! : r[m],
          }))
        : [],
    ),
  );
}

/** Meta failed or skipped a report run, or it did not finish within this run's polls. */
class ReportNotRead extends Error {
  constructor(readonly reason: 'insights_report_failed' | 'insights_report_unfinished') {
    super(reason);
    this.name = 'ReportNotRead';
  }
}

/** An asynchronous report run: polled with backoff until Meta says complete and 100 %, then read. */
async function readReport(
  deps: InsightsDeps,
  adAccountId: string,
  token: string,
  since: string,
  until: string,
  observe: UsageObserver,
): Promise<CampaignDay[]> {
  const report = await deps.graph.startAccountInsightsReport(adAccountId, token, since, until, observe);
  for (let poll = 0; ; poll++) {
    const status = await deps.graph.insightsReportStatus(report, token, observe);
    if (status.failed) throw new ReportNotRead('insights_report_failed');
    if (status.done) break;
    if (poll >= MAX_REPORT_POLLS) throw new ReportNotRead('insights_report_unfinished');
    await deps.sleep(Math.min(5_000, 200 * 2 ** poll));
  }
  return deps.graph.insightsReportDays(report, token, observe);
}

/** `GET /insights`: a metric of an asset by day; a metric Meta no longer serves says so instead of 0. */
export async function readInsights(
  deps: Pick<InsightsDeps, 'insights'>,
  tenantId: string,
  q: { assetId: string; metric: string; since: string; until: string },
) {
  const known = metricStatus(q.metric);
  if (known.status === 'removed')
    return {
      ...q,
      available: false,
      reason: 'metric_removed_by_meta',
      removedOn: known.removedOn,
      replacement: known.replacement,
      points: [],
    };
  if (known.status === 'not_collected')
    return { ...q, available: false, reason: 'metric_not_collected', points: [] };
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
