/**
 * Insights (meta-platform.md §6.2, §7): Page and Instagram account time series, with the metrics Meta
 * removed answering Meta's invalid-metric error, and campaign insights by day (numbers as strings), sync
 * or through an asynchronous report run that takes a few polls.
 */
import { GraphError } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';

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

function days(ctx: GraphContext): number[] {
  const until = Number(ctx.args.str('until') ?? ctx.now);
  const since = Number(ctx.args.str('since') ?? until - 30 * 86_400);
  const out: number[] = [];
  for (let t = Math.floor(since / 86_400) * 86_400; t < until; t += 86_400) out.push(t);
  return out.slice(0, 93);
}

function seriesInsights(ctx: GraphContext): unknown {
  const metrics = (ctx.args.str('metric') ?? '').split(',').filter(Boolean);
  for (const m of metrics) if (REMOVED.has(m)) throw invalidMetric(m);
  const ds = days(ctx);
  return {
    data: metrics.map((m) => ({
      name: m,
      period: 'day',
      values: ds.map((t) => ({
        value: figure(`${ctx.params.id}:${m}:${t}`, 1000),
        end_time: `${dayIso(t + 86_400)}T07:00:00+0000`,
      })),
    })),
  };
}

function campaignRows(id: string, since: string, until: string) {
  const rows = [];
  for (let t = Date.parse(since); t <= Date.parse(until); t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    const spend = (figure(`${id}:spend:${d}`, 5000) / 100).toFixed(2);
    rows.push({
      campaign_id: id,
      date_start: d,
      date_stop: d,
      spend,
      impressions: String(figure(`${id}:imp:${d}`, 20000)),
      clicks: String(figure(`${id}:clk:${d}`, 400)),
      actions: [{ action_type: 'lead', value: String(figure(`${id}:lead:${d}`, 20)) }],
    });
  }
  return rows;
}

function timeRange(ctx: GraphContext) {
  const r = ctx.args.json('time_range') as { since?: string; until?: string } | undefined;
  if (!r?.since || !r.until)
    throw new GraphError({ code: 100, message: '(#100) time_range with since and until is required' });
  return r as { since: string; until: string };
}

function campaignInsights(ctx: GraphContext): unknown {
  const r = timeRange(ctx);
  return { data: campaignRows(ctx.params.id ?? '', r.since, r.until) };
}

function startReport(ctx: GraphContext): unknown {
  const r = timeRange(ctx);
  const id = ctx.world.newId(16, '9');
  ctx.world.reportRuns.set(id, {
    id,
    objectId: ctx.params.id ?? '',
    since: r.since,
    until: r.until,
    pollsLeft: 2,
  });
  return { report_run_id: id };
}

function reportStatus(ctx: GraphContext): unknown {
  const run = ctx.world.reportRuns.get(ctx.params.id ?? '')!;
  run.pollsLeft -= 1;
  const done = run.pollsLeft <= 0;
  return {
    id: run.id,
    async_status: done ? 'Job Completed' : 'Job Running',
    async_percent_completion: done ? 100 : 50,
  };
}

function reportRows(ctx: GraphContext): unknown {
  const run = ctx.world.reportRuns.get(ctx.params.id ?? '')!;
  if (run.pollsLeft > 0) throw new GraphError({ code: 100, message: '(#100) The report is not ready' });
  return { data: campaignRows(run.objectId, run.since, run.until) };
}

const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');
const isIg = (p: Record<string, string>, w: GraphContext['world']) =>
  [...w.pages.values()].some((x) => x.igAccountId === p.id);
const isCampaign = (p: Record<string, string>, w: GraphContext['world']) => w.campaigns.has(p.id ?? '');
const isReport = (p: Record<string, string>, w: GraphContext['world']) => w.reportRuns.has(p.id ?? '');

export function registerInsightsRoutes(r: GraphRouteRegistry): void {
  r.get('/:id/insights', 'user-or-page', seriesInsights, isPage)
    .get('/:id/insights', 'user-or-page', seriesInsights, isIg)
    .get('/:id/insights', 'user', campaignInsights, isCampaign)
    .post('/:id/insights', 'user', startReport, isCampaign)
    .get('/:id/insights', 'user', reportRows, isReport)
    .get('/:id', 'user', reportStatus, isReport);
}
