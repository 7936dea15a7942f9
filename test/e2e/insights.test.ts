/**
 * Insights: daily counters for Pages, Instagram and campaigns; metrics Meta removed or stops serving are
 * reported unavailable, never zero; long ranges go through asynchronous report runs that take several
 * polls; backfill on request; recommendations carry their figures; the ad account's insights throttle
 * holds the sync back.
 */
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { draftBody, untilStatus } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { syncInsights } from '../../lambdas/modules/insights/core/sync-insights';
import { insightsFromRuntime } from '../../lambdas/modules/insights/wiring/sync';

const rt = withLocalRuntime();
const TENANT = 'report-co';
const today = () => new Date().toISOString().slice(0, 10);
const ago = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
let api: ReturnType<typeof rt.api>;
const q = (assetId: string, metric: string, since = ago(3), until = today()) =>
  api.get(`/api/v1/insights?assetId=${assetId}&metric=${metric}&since=${since}&until=${until}`);
const calls = async () => (await simJson(rt, '/_sim/calls')).json.calls as any[];

beforeAll(async () => {
  await connectAndSelect(
    rt,
    TENANT,
    {
      pages: [W.bakeryPageId],
      instagramAccounts: [W.instagramAccountId],
      adAccounts: [W.adAccountId],
      leadForms: [W.bakeryLeadFormId],
    },
    { features: ['insights', 'ads', 'leads'] },
  );
  api = rt.api({ token: await rt.token(TENANT) });
});

it('stores daily counters; metrics Meta removed or stopped serving are unavailable, never zero', async () => {
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  await rt.runtime.runSchedule('insights-sync');

  const engagements = await q(W.bakeryPageId, 'page_post_engagements');
  expect(engagements.json).toMatchObject({ available: true, reason: null });
  expect(engagements.json.points.length).toBeGreaterThan(0);
  expect(typeof engagements.json.points[0].value).toBe('number');
  // one call for all the Page's metrics
  const pageCalls = (await calls()).filter((c) => c.path === `/${W.bakeryPageId}/insights`);
  expect(pageCalls).toHaveLength(1);
  expect(pageCalls[0].query.metric.split(',')).toHaveLength(8);

  // removed metrics are known: never asked for, reported with the date and their replacement
  expect((await q(W.bakeryPageId, 'page_impressions_unique')).json).toEqual(
    expect.objectContaining({
      available: false,
      reason: 'metric_removed_by_meta',
      removedOn: '2025-06-15',
      replacement: 'page_total_media_view_unique',
      points: [],
    }),
  );
  expect((await q(W.instagramAccountId, 'impressions')).json).toMatchObject({
    available: false,
    replacement: 'views',
  });
  expect(JSON.stringify(await calls())).not.toMatch(/page_impressions_unique/);
  expect((await q(W.instagramAccountId, 'reach')).json.points.length).toBeGreaterThan(0);
  expect((await q(W.instagramAccountId, 'views')).json.points.length).toBeGreaterThan(0);
  expect((await q(W.bakeryPageId, 'page_nonsense')).json).toMatchObject({
    available: false,
    reason: 'metric_not_collected',
  });

  // Meta stops serving a metric: the call is retried metric by metric; only that one is unavailable
  await simJson(rt, '/_sim/insights', { body: { retiredMetrics: ['page_video_views'] } });
  await rt.runtime.runSchedule('insights-sync');
  expect((await q(W.bakeryPageId, 'page_video_views')).json).toEqual(
    expect.objectContaining({ available: false, reason: 'metric_not_served_by_meta', points: [] }),
  );
  expect((await q(W.bakeryPageId, 'page_views_total')).json.available).toBe(true);
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  await rt.runtime.runSchedule('insights-sync');
  // and it is not asked for again
  const again = (await calls()).filter((c) => c.path === `/${W.bakeryPageId}/insights`);
  expect(again).toHaveLength(1);
  expect(again[0].query.metric).not.toMatch(/page_video_views/);

  // campaign insights by day, for the campaigns of the selected ad account
  const spend = await q(W.campaignId, 'spend');
  expect(spend.json.points.length).toBeGreaterThan(0);
  expect(spend.json.points.every((p: any) => p.value > 0)).toBe(true);

  // another tenant sees nothing; bad queries are problems
  const other = rt.api({ token: await rt.token('other-co') });
  expect(
    (
      await other.get(
        `/api/v1/insights?assetId=${W.bakeryPageId}&metric=page_post_engagements&since=${ago(3)}&until=${today()}`,
      )
    ).json.points,
  ).toEqual([]);
  const bad = await q(W.bakeryPageId, 'page_post_engagements', today(), ago(3));
  expect(bad.status).toBe(400);
  expect(bad.json.errors.map((e: any) => e.field)).toContain('query.since');
});

it('a long range goes through an asynchronous report that takes several polls', async () => {
  await simJson(rt, '/_sim/insights', { body: { reportPolls: 3 } });
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  const summary = await syncInsights(insightsFromRuntime(rt.runtime.deps), { days: 45, tenantId: TENANT });
  expect(summary).toMatchObject({ asyncReports: 1, skipped: [] });
  const log = await calls();
  const started = log.filter((c) => c.method === 'POST' && c.path === `/${W.adAccountId}/insights`);
  expect(started).toHaveLength(1);
  const reportId = log.find((c) => c.method === 'GET' && /^\/9\d+$/.test(c.path))!.path.slice(1);
  // three polls say running, the fourth complete
  expect(log.filter((c) => c.path === `/${reportId}`)).toHaveLength(4);
  const leads = await q(W.campaignId, 'leads', ago(45));
  expect(leads.json.points.length).toBeGreaterThanOrEqual(45);

  // a report Meta fails is skipped with its reason; the Pages still sync
  await simJson(rt, '/_sim/insights', { body: { reportPolls: 1, reportOutcome: 'Job Failed' } });
  const failed = await syncInsights(insightsFromRuntime(rt.runtime.deps), { days: 45, tenantId: TENANT });
  expect(failed.skipped).toEqual([{ assetId: W.adAccountId, reason: 'insights_report_failed' }]);
  expect(failed.points).toBeGreaterThan(0);
  await simJson(rt, '/_sim/insights', { body: { reportPolls: 2, reportOutcome: 'Job Completed' } });
});

it('backfills a date range on request; recommendations carry the figures behind them', async () => {
  const c = await api.post('/api/v1/campaigns', draftBody('Reported leads'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const paused = await untilStatus(api, c.json.id, 'paused');
  await api.post(`/api/v1/campaigns/${c.json.id}/launch`);
  // three weeks of delivery, and leads got much dearer a week ago
  await simJson(rt, `/_sim/campaigns/${paused.meta.campaignId}/delivery`, {
    body: { deliveredSinceDaysAgo: 20, change: { fromDaysAgo: 7, leadRateFactor: 0.3 } },
  });

  const backfill = await api.post('/api/v1/insights/backfill', { since: ago(20), until: today() });
  expect(backfill.status).toBe(202);
  expect(backfill.json).toMatchObject({ since: ago(20), until: today(), status: 'queued' });
  const done = await eventually(async () => {
    const r = (await api.get(`/api/v1/insights/backfills/${backfill.json.requestId}`)).json;
    return r.status === 'completed' ? r : undefined;
  });
  expect(done).toMatchObject({
    range: { since: ago(20), until: today() },
    startedAt: expect.any(String),
    finishedAt: expect.any(String),
    summary: { assets: 3, asyncReports: 0, skipped: [] },
  });
  expect(done.summary.points).toBeGreaterThan(0);
  const spend = (await q(paused.meta.campaignId, 'spend', ago(20))).json.points;
  expect(spend.length).toBeGreaterThanOrEqual(19);
  expect((await api.get('/api/v1/audit?limit=100')).json.items.map((e: any) => e.action)).toContain(
    'insights.backfill',
  );

  const recs = (await api.get('/api/v1/insights/recommendations')).json.items as any[];
  const mine = recs.find((r) => r.campaignId === c.json.id);
  expect(mine).toMatchObject({ kind: 'cost_per_lead_doubled', metaCampaignId: paused.meta.campaignId });
  expect(mine.figures.thisWeek.costPerLead).toBeGreaterThanOrEqual(2 * mine.figures.lastWeek.costPerLead);
  expect(mine.figures.thisWeek).toEqual({
    spend: expect.any(Number),
    leads: expect.any(Number),
    costPerLead: expect.any(Number),
  });

  for (const body of [
    {},
    { since: ago(500) },
    { days: 3, since: ago(3) },
    { since: today(), until: ago(2) },
  ]) {
    const res = await api.post('/api/v1/insights/backfill', body);
    expect(res.status).toBe(400);
    expect(res.json.errors.length).toBeGreaterThan(0);
  }
});

it("the ad account's insights throttle holds the sync back; the rest still syncs", async () => {
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 92 } });
  const first = await syncInsights(insightsFromRuntime(rt.runtime.deps), { days: 2, tenantId: TENANT });
  expect(first.skipped).toEqual([]);
  // Meta said the account's insights bucket is at 92 %: the next run leaves the account alone for now
  const second = await syncInsights(insightsFromRuntime(rt.runtime.deps), { days: 2, tenantId: TENANT });
  expect(second.skipped).toEqual([{ assetId: W.adAccountId, reason: 'usage_above_90' }]);
  expect(second.points).toBeGreaterThan(0);
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 0 } });
  // the pause is remembered for the account: forget it, so no other test's sync is held back by it
  const db = rt.runtime.deps.clients.dynamo;
  const TableName = rt.runtime.config.tableName;
  const paces = await db.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': `T#${TENANT}`, ':s': 'ADPACE#' },
    }),
  );
  for (const i of paces.Items ?? [])
    await db.send(new DeleteCommand({ TableName, Key: { pk: i.pk, sk: i.sk } }));
});
