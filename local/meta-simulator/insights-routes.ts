/**
 * Insights: Page and Instagram account time series, with the metrics Meta
 * removed answering Meta's invalid-metric error (and any a test retires later), Instagram totals
 * (`metric_type=total_value`), and Marketing API insights — a campaign's or an ad account's, by day or
 * in total, numbers as strings, rows only for days with delivery — sync or through an asynchronous report
 * run that answers "running" for a configurable number of polls.
 */
import { campaignDay, money } from './ad-delivery';
import { applyFiltering } from './ad-list-routes';
import { reachableAdAccount } from './ads-routes';
import { GraphError } from './graph-errors';
import { paginate } from './pagination';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { INSTAGRAM_CONTRACTS, MARKETING_CONTRACTS, PAGE_CONTRACTS } from './contracts';

const REMOVED = new Set([
  'page_impressions',
  'page_impressions_unique',
  'page_impressions_paid_unique',
  'page_fans',
  'page_fan_adds',
  'page_engaged_users',
  'page_consumptions',
  'impressions',
]);

const invalidMetric = (m: string) =>
  new GraphError({
    code: 100,
    message: `(#100) The value must be a valid insights metric: ${m}`,
    userTitle: 'Invalid metric',
    userMsg: `${m} is no longer available.`,
  });

/** a stable pseudo-random figure per object, metric and day, so syncs are repeatable */
function figure(seed: string, max: number): number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h % max;
}

const dayIso = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

function days(ctx: GraphContext, maxDays: number): number[] {
  const until = Number(ctx.args.str('until') ?? ctx.now);
  const since = Number(ctx.args.str('since') ?? until - 30 * 86_400);
  if (until - since > maxDays * 86_400)
    throw new GraphError({
      code: 100,
      message: `(#100) There cannot be more than ${maxDays} days (${maxDays * 86_400} s) between since and until`,
    });
  const out: number[] = [];
  for (let t = Math.floor(since / 86_400) * 86_400; t < until; t += 86_400) out.push(t);
  return out;
}

function metricsOf(ctx: GraphContext): string[] {
  const metrics = (ctx.args.str('metric') ?? '').split(',').filter(Boolean);
  for (const m of metrics)
    if (REMOVED.has(m) || ctx.world.insightsBehaviour.retiredMetrics.includes(m)) throw invalidMetric(m);
  return metrics;
}

/** Page metrics: series over at most 93 days; Instagram: 30 days, or one total with metric_type=total_value */
function accountInsights(maxDays: number) {
  return (ctx: GraphContext): unknown => {
    const metrics = metricsOf(ctx);
    const ds = days(ctx, maxDays);
    const id = ctx.params.id ?? '';
    if (ctx.args.str('metric_type') === 'total_value') {
      return {
        data: metrics.map((m) => ({
          name: m,
          period: 'day',
          title: m,
          total_value: { value: ds.reduce((n, t) => n + figure(`${id}:${m}:${t}`, 1000), 0) },
          id: `${id}/insights/${m}/day`,
        })),
      };
    }
    return {
      data: metrics.map((m) => ({
        name: m,
        period: 'day',
        values: ds.map((t) => ({
          value: figure(`${id}:${m}:${t}`, 1000),
          end_time: `${dayIso(t + 86_400)}T07:00:00+0000`,
        })),
        id: `${id}/insights/${m}/day`,
      })),
    };
  };
}

interface Range {
  since: string;
  until: string;
}

/** `time_range` or `date_preset` (default last 30 days), in UTC days */
function rangeOf(ctx: GraphContext): Range {
  const today = dayIso(ctx.now);
  const back = (n: number) => dayIso(ctx.now - n * 86_400);
  const r = ctx.args.json('time_range') as Partial<Range> | undefined;
  if (r) {
    if (!r.since || !r.until)
      throw new GraphError({ code: 100, message: '(#100) time_range needs since and until' });
    return { since: r.since, until: r.until };
  }
  switch (ctx.args.str('date_preset') ?? 'last_30d') {
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: back(1), until: back(1) };
    case 'last_7d':
      return { since: back(7), until: back(1) };
    case 'last_90d':
      return { since: back(90), until: back(1) };
    case 'maximum':
      return { since: '2015-01-01', until: today };
    default:
      return { since: back(30), until: back(1) };
  }
}

type Row = Record<string, unknown> & { campaign_id: string };

/** rows of the given campaigns: per day with time_increment=1, else one total per campaign */
function campaignRows(ctx: GraphContext, campaignIds: string[], range: Range, daily: boolean): Row[] {
  const w = ctx.world;
  const rows: Row[] = [];
  for (const id of campaignIds) {
    const c = w.campaigns.get(id);
    if (!c) continue;
    const currency = w.adAccounts.get(c.adAccountId)?.currency ?? 'EUR';
    // nothing before its first delivery (tests may backdate delivery to before the campaign was made)
    const first = Math.min(
      ...[...w.deliveries.values()]
        .filter((d) => d.campaignId === id)
        .map((d) => d.intervals[0]?.from ?? Infinity),
    );
    if (!Number.isFinite(first)) continue;
    const start = Math.max(Date.parse(range.since), first * 1000);
    const total = { spendMinor: 0, impressions: 0, reach: 0, clicks: 0, leads: 0 };
    for (
      let t = Date.parse(`${dayIso(start / 1000)}T00:00:00Z`);
      t <= Date.parse(range.until);
      t += 86_400_000
    ) {
      const d = new Date(t).toISOString().slice(0, 10);
      const f = campaignDay(w, id, d, ctx.now);
      if (f.spendMinor <= 0) continue;
      if (daily) rows.push(render(c.id, c.name, currency, d, d, f));
      else for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += f[k];
    }
    if (!daily && total.spendMinor > 0)
      rows.push(render(c.id, c.name, currency, range.since, range.until, total));
  }
  return rows;
}

function render(
  id: string,
  name: string,
  currency: string,
  from: string,
  to: string,
  f: { spendMinor: number; impressions: number; reach: number; clicks: number; leads: number },
): Row {
  return {
    campaign_id: id,
    campaign_name: name,
    account_currency: currency,
    date_start: from,
    date_stop: to,
    spend: money(f.spendMinor, currency),
    impressions: String(f.impressions),
    reach: String(f.reach),
    clicks: String(f.clicks),
    ...(f.leads > 0 ? { actions: [{ action_type: 'lead', value: String(f.leads) }] } : {}),
  };
}

/** the campaigns an insights call covers: one campaign, or an account's, narrowed by `filtering` */
function campaignsOf(ctx: GraphContext, objectId: string): string[] {
  const w = ctx.world;
  const campaign = w.campaigns.get(objectId);
  if (campaign) {
    reachableAdAccount(ctx, campaign.adAccountId, objectId);
    return [campaign.id];
  }
  reachableAdAccount(ctx, objectId, objectId);
  const level = ctx.args.str('level') ?? 'account';
  if (level !== 'campaign' && level !== 'account')
    throw new GraphError({ code: 100, message: `(#100) level must be one of account, campaign` });
  const all = [...w.campaigns.values()].filter((c) => c.adAccountId === objectId);
  return applyFiltering(ctx, all, (c) => ({
    id: c.id,
    name: c.name,
    effectiveStatus: c.status,
    campaignId: c.id,
  })).map((c) => c.id);
}

function syncInsights(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const rows = campaignRows(ctx, campaignsOf(ctx, id), rangeOf(ctx), ctx.args.str('time_increment') === '1');
  return paginate(ctx, rows, (r) => r);
}

function startReport(ctx: GraphContext): unknown {
  const objectId = ctx.params.id ?? '';
  campaignsOf(ctx, objectId);
  const r = rangeOf(ctx);
  const id = ctx.world.newId(16, '9');
  const b = ctx.world.insightsBehaviour;
  ctx.world.reportRuns.set(id, {
    id,
    objectId,
    since: r.since,
    until: r.until,
    pollsLeft: b.reportPolls,
    level: ctx.args.str('level') ?? 'account',
    outcome: b.reportOutcome,
  });
  return { report_run_id: id };
}

function reportStatus(ctx: GraphContext): unknown {
  const run = ctx.world.reportRuns.get(ctx.params.id ?? '')!;
  const total = Math.max(1, ctx.world.insightsBehaviour.reportPolls);
  run.pollsLeft -= 1;
  const done = run.pollsLeft < 0;
  const status = done
    ? (run.outcome ?? 'Job Completed')
    : run.pollsLeft + 1 === total
      ? 'Job Started'
      : 'Job Running';
  return {
    id: run.id,
    account_id:
      ctx.world.campaigns.get(run.objectId)?.adAccountId.replace(/^act_/, '') ??
      run.objectId.replace(/^act_/, ''),
    async_status: status,
    async_percent_completion: done
      ? status === 'Job Completed'
        ? 100
        : 0
      : Math.round((100 * (total - run.pollsLeft - 1)) / total),
    date_start: run.since,
    date_stop: run.until,
  };
}

function reportRows(ctx: GraphContext): unknown {
  const run = ctx.world.reportRuns.get(ctx.params.id ?? '')!;
  if (run.pollsLeft >= 0 || run.outcome === 'Job Failed')
    throw new GraphError({ code: 100, message: '(#100) The report is not ready' });
  const ids = ctx.world.campaigns.has(run.objectId)
    ? [run.objectId]
    : [...ctx.world.campaigns.values()].filter((c) => c.adAccountId === run.objectId).map((c) => c.id);
  return paginate(ctx, campaignRows(ctx, ids, run, true), (r) => r);
}

const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');
const isIg = (p: Record<string, string>, w: GraphContext['world']) =>
  [...w.pages.values()].some((x) => x.igAccountId === p.id);
const isAdObject = (p: Record<string, string>, w: GraphContext['world']) =>
  w.campaigns.has(p.id ?? '') || w.adAccounts.has(p.id ?? '');
const isReport = (p: Record<string, string>, w: GraphContext['world']) => w.reportRuns.has(p.id ?? '');

export function registerInsightsRoutes(r: GraphRouteRegistry): void {
  r.on(PAGE_CONTRACTS.insights, accountInsights(93), isPage)
    .on(INSTAGRAM_CONTRACTS.insights, accountInsights(30), isIg)
    .on(MARKETING_CONTRACTS.insights, syncInsights, isAdObject)
    .on(MARKETING_CONTRACTS.startReport, startReport, isAdObject)
    .on(MARKETING_CONTRACTS.reportRows, reportRows, isReport)
    .on(MARKETING_CONTRACTS.reportRun, reportStatus, isReport);
}
