/** Insights: daily counters for Pages, Instagram and campaigns; removed metrics are unavailable, not zero. */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { syncInsights } from '../../lambdas/core/insights/sync-insights';

const rt = withLocalRuntime();
const TENANT = 'report-co';
const today = () => new Date().toISOString().slice(0, 10);
const ago = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

it('stores daily counters, reports removed metrics as unavailable, and reads long campaign ranges asynchronously', async () => {
  await connectAndSelect(
    rt,
    TENANT,
    { pages: [W.bakeryPageId], instagramAccounts: [W.instagramAccountId], adAccounts: [W.adAccountId] },
    { features: ['insights', 'ads'] },
  );
  const api = rt.api({ token: await rt.token(TENANT) });
  const draft = await api.post('/api/v1/campaigns', {
    adAccountId: W.adAccountId,
    name: 'Reported campaign',
    objective: 'OUTCOME_AWARENESS',
    dailyBudget: 1500,
    startTime: new Date(Date.now() + 86_400_000).toISOString(),
    targeting: { countries: ['PT'] },
    creative: { pageId: W.bakeryPageId, message: 'Hello' },
  });
  expect(draft.status).toBe(201);
  await api.post(`/api/v1/campaigns/${draft.json.id}/approve`);
  const campaign = await eventually(async () => {
    const c = (await api.get(`/api/v1/campaigns/${draft.json.id}`)).json;
    return c.status === 'paused' ? c : undefined;
  });

  await rt.runtime.runSchedule('insights-sync');
  const q = (assetId: string, metric: string, since = ago(3)) =>
    api.get(`/api/v1/insights?assetId=${assetId}&metric=${metric}&since=${since}&until=${today()}`);

  const engagements = await q(W.bakeryPageId, 'page_post_engagements');
  expect(engagements.json).toMatchObject({ available: true, reason: null });
  expect(engagements.json.points.length).toBeGreaterThan(0);
  expect(typeof engagements.json.points[0].value).toBe('number');

  for (const [asset, metric] of [
    [W.bakeryPageId, 'page_impressions_unique'],
    [W.instagramAccountId, 'impressions'],
  ]) {
    const removed = await q(asset!, metric!);
    expect(removed.json).toEqual(
      expect.objectContaining({ available: false, reason: 'metric_not_served_by_meta', points: [] }),
    );
  }
  expect((await q(W.instagramAccountId, 'reach')).json.available).toBe(true);
  const spend = await q(campaign.meta.campaignId, 'spend');
  expect(spend.json.points.length).toBeGreaterThan(0);

  // 45 days is past the synchronous window: an asynchronous report run that takes several polls
  const summary = await syncInsights(rt.runtime.deps.insightsSync, { days: 45 });
  expect(summary.asyncReports).toBeGreaterThan(0);
  const long = await q(campaign.meta.campaignId, 'leads', ago(45));
  expect(long.json.points.length).toBeGreaterThanOrEqual(45);

  // a backfill on request, and recommendations carry their figures (none needed for this healthy campaign)
  const backfill = await api.post('/api/v1/insights/backfill', { days: 10 });
  expect(backfill.status).toBe(202);
  const recs = await api.get('/api/v1/insights/recommendations');
  expect(recs.status).toBe(200);
  for (const r of recs.json.items)
    expect(r.figures.thisWeek).toEqual(expect.objectContaining({ spend: expect.any(Number) }));

  // another tenant sees nothing; bad queries are problems
  expect(
    (
      await rt
        .api({ token: await rt.token('other-co') })
        .get(
          `/api/v1/insights?assetId=${W.bakeryPageId}&metric=page_post_engagements&since=${ago(3)}&until=${today()}`,
        )
    ).json.points,
  ).toEqual([]);
  const bad = await api.get(
    `/api/v1/insights?assetId=${W.bakeryPageId}&metric=page_post_engagements&since=${today()}&until=${ago(3)}`,
  );
  expect(bad.status).toBe(400);
  expect(bad.json.errors.map((e: any) => e.field)).toContain('query.since');
}, 60_000);
