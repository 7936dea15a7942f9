/**
 * The insights sync with in-memory fakes: counters of every selected asset by day, a metric Meta stops
 * serving recorded as unavailable (never 0), ad accounts paced, one asset's failure its own.
 */
import { readInsights, syncInsights } from '../../../lambdas/modules/insights/core/sync-insights';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { AD_ACCOUNT, IG, PAGE, activeConnection, insightsFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');

function setup() {
  const f = insightsFakes(NOW);
  f.connections.add(activeConnection(), {
    pages: [PAGE],
    instagram: { [IG]: PAGE },
    adAccounts: [AD_ACCOUNT],
  });
  f.graph.campaignDays = [
    {
      campaignId: 'cg_1',
      date: '2026-11-19',
      spend: 12.5,
      impressions: 900,
      clicks: 30,
      leads: 4,
      reach: 700,
    },
    // an account-level row without a campaign is not a campaign's counter
    { date: '2026-11-19', spend: 1, impressions: 1, clicks: 1, leads: 1 },
  ];
  return f;
}

it('stores each asset’s daily counters, read with the right token, each expiring 13 months after its day', async () => {
  const f = setup();
  const s = await syncInsights(f.deps, { days: 2 });
  expect(s).toMatchObject({ assets: 3, unavailable: [], asyncReports: 0, skipped: [] });
  expect(f.insights.value(PAGE, 'page_media_view', '2026-11-19')).toBe(7);
  expect(f.insights.value(IG, 'reach', '2026-11-19')).toBe(7);
  expect(f.insights.value(IG, 'views', '2026-11-19')).toBe(3);
  expect(f.insights.value('cg_1', 'spend', '2026-11-19')).toBe(12.5);
  expect(f.insights.value('cg_1', 'leads', '2026-11-19')).toBe(4);
  expect(s.points).toBe(f.insights.points.size);
  const tokens = new Map(f.graph.calls.map((c) => [c.method, c.args[1]]));
  expect(tokens.get('insightsSeries')).toBe(`token(ct:${PAGE})`);
  expect(tokens.get('accountCampaignDays')).toBe('token(ct:user)');
  const point = f.insights.points.get(`${PAGE}|page_media_view|2026-11-19`)!;
  expect(point.expiresAt! * 1000).toBeGreaterThan(Date.parse('2027-12-01'));
});

it('a metric Meta refuses is asked alone, recorded unavailable, then never asked again; reads say so', async () => {
  const f = setup();
  f.graph.refused.add('page_post_engagements');
  const s = await syncInsights(f.deps, { days: 2 });
  expect(s.unavailable).toEqual([{ assetId: PAGE, metric: 'page_post_engagements' }]);
  expect(f.insights.value(PAGE, 'page_media_view', '2026-11-19')).toBe(7);

  f.graph.calls.length = 0;
  await syncInsights(f.deps, { days: 2 });
  const asked = f.graph.calls.filter((c) => c.method === 'insightsSeries' && c.args[0] === PAGE);
  expect(asked.flatMap((c) => c.args[2] as string[])).not.toContain('page_post_engagements');

  expect(
    await readInsights(f.deps, 't1', {
      assetId: PAGE,
      metric: 'page_post_engagements',
      since: '2026-11-18',
      until: '2026-11-19',
    }),
  ).toMatchObject({ available: false, reason: 'metric_not_served_by_meta', points: [] });
});

it('a range past Meta’s synchronous window is read with a report run, polled until complete', async () => {
  const f = setup();
  f.graph.reportPolls = 2;
  const s = await syncInsights(f.deps, { since: '2026-09-01', until: '2026-11-19' });
  expect(s.asyncReports).toBe(1);
  expect(f.graph.calls.filter((c) => c.method === 'insightsReportStatus')).toHaveLength(3);
  expect(f.sleeps.slice(-2)).toEqual([200, 400]);
  expect(f.insights.value('cg_1', 'clicks', '2026-11-19')).toBe(30);
});

it('an ad account Meta asked to wait is skipped with the reason; the other assets go on', async () => {
  const f = setup();
  await f.deps.paces.put('t1', 'c1', AD_ACCOUNT, 'ads_insights', {
    until: new Date(NOW.getTime() + 600_000).toISOString(),
    reason: 'meta_asked_to_wait',
    percent: 100,
    at: NOW.toISOString(),
  });
  const s = await syncInsights(f.deps, { days: 2 });
  expect(s.skipped).toEqual([{ assetId: AD_ACCOUNT, reason: 'meta_asked_to_wait' }]);
  expect(f.graph.calls.some((c) => c.method === 'accountCampaignDays')).toBe(false);
  expect(f.insights.value(PAGE, 'page_media_view', '2026-11-19')).toBe(7);
});

it('a token Meta refuses expires the connection once; its asset is skipped with the reason', async () => {
  const f = setup();
  f.graph.failures.set(
    'insightsSeries',
    new MetaGraphError(400, { message: 'expired', code: 190, errorSubcode: 463 }),
  );
  const s = await syncInsights(f.deps, { days: 2 });
  expect(s.skipped).toEqual([{ assetId: PAGE, reason: 'token_invalid_token_expired' }]);
  expect(f.connections.markedInvalid).toEqual([
    { connectionId: 'c1', reason: 'token_expired', actor: 'system:insights-sync' },
  ]);
  // the expired connection's other assets are not read in this run
  expect(s.assets).toBe(1);
});

it('one tenant’s backfill reads only its own assets', async () => {
  const f = setup();
  f.connections.add(activeConnection({ tenantId: 't2', connectionId: 'c9' }), { pages: ['999999'] });
  await syncInsights(f.deps, { days: 2, tenantId: 't2' });
  expect(new Set(f.graph.calls.map((c) => c.args[0]))).toEqual(new Set(['999999']));
});
