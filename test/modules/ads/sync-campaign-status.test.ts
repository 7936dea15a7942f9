/** The campaign status sync with in-memory fakes: Meta's status comes back, changes are announced once. */
import { syncCampaignStatus } from '../../../lambdas/modules/ads/core/sync-campaign-status';
import type { CampaignRecord } from '../../../lambdas/modules/ads/core/campaign';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { AD_ACCOUNT, PAGE, activeConnection, adsFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');

const created = (over: Partial<CampaignRecord> = {}): CampaignRecord => ({
  tenantId: 't1',
  id: 'cmp_1',
  connectionId: 'c1',
  adAccountId: AD_ACCOUNT,
  name: 'Winter',
  objective: 'OUTCOME_LEADS',
  dailyBudget: 4500,
  startTime: NOW.toISOString(),
  specialAdCategories: [],
  targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
  creative: { pageId: PAGE },
  status: 'active',
  launchedAt: NOW.toISOString(),
  meta: { campaignId: 'cg_1', adsetId: 'as_1', creativeId: 'cr_1', adId: 'ad_1' },
  createdBy: 'user:ana',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  ...over,
});

async function setup(...campaigns: CampaignRecord[]) {
  const f = adsFakes({ now: NOW });
  f.connections.add(activeConnection());
  for (const c of campaigns) await f.campaigns.put(c);
  return f;
}

it('stores Meta’s status and spend, and announces a change once (a second run finds nothing new)', async () => {
  const f = await setup(created());
  f.graph.effectiveStatus.set('cg_1', 'ACTIVE');
  f.graph.spend = 84.2;
  expect(await syncCampaignStatus(f.deps)).toEqual({ campaigns: 1, changed: 1, skipped: [] });
  expect((await f.campaigns.get('t1', 'cmp_1'))!.sync).toEqual({
    effectiveStatus: 'ACTIVE',
    issues: [],
    spend: 84.2,
    at: NOW.toISOString(),
  });
  expect(f.events.map((e) => [e.type, e.detail.from, e.detail.to, e.detail.spend])).toEqual([
    ['campaign.status-changed', null, 'ACTIVE', 84.2],
  ]);
  expect(await syncCampaignStatus(f.deps)).toEqual({ campaigns: 1, changed: 0, skipped: [] });
  expect(f.events).toHaveLength(1);
});

it('a campaign paused in Ads Manager follows Meta, and the audit says why', async () => {
  const f = await setup(created());
  f.graph.effectiveStatus.set('cg_1', 'CAMPAIGN_PAUSED');
  await syncCampaignStatus(f.deps);
  expect((await f.campaigns.get('t1', 'cmp_1'))!.status).toBe('paused');
  expect(f.audit.at(-1)).toMatchObject({ action: 'campaign.status-sync', reason: 'followed_meta_paused' });
  expect(f.events[0]!.detail).toMatchObject({ statusNow: 'paused' });
});

it('skips campaigns not created at Meta, and connections that are expired', async () => {
  const f = await setup(created({ id: 'cmp_draft', status: 'draft', meta: {} }));
  f.connections.add(
    activeConnection({ connectionId: 'c2', status: 'expired', userTokenCiphertext: undefined }),
  );
  await f.campaigns.put(created({ id: 'cmp_2', connectionId: 'c2' }));
  expect(await syncCampaignStatus(f.deps)).toEqual({ campaigns: 0, changed: 0, skipped: [] });
  expect(f.graph.calls).toEqual([]);
});

it('an ad account Meta asked to wait is left for the next run, with the reason', async () => {
  const f = await setup(created());
  await f.paces.put('t1', 'c1', AD_ACCOUNT, 'ads_management', {
    until: new Date(NOW.getTime() + 600_000).toISOString(),
    reason: 'meta_asked_to_wait',
    percent: 100,
    at: NOW.toISOString(),
  });
  expect(await syncCampaignStatus(f.deps)).toEqual({
    campaigns: 0,
    changed: 0,
    skipped: [{ adAccountId: AD_ACCOUNT, reason: 'meta_asked_to_wait' }],
  });
  expect(f.graph.calls).toEqual([]);
});

it('a throttled call skips the rest of that account and remembers the pause; a dead token expires the connection', async () => {
  const f = await setup(created(), created({ id: 'cmp_2', meta: { campaignId: 'cg_2' } }));
  f.graph.failures.set(
    'campaignStatus',
    new MetaGraphError(400, { message: 'Too many calls', code: 80004, errorSubcode: 2446079 }),
  );
  expect(await syncCampaignStatus(f.deps)).toMatchObject({
    campaigns: 0,
    skipped: [{ adAccountId: AD_ACCOUNT, reason: 'throttled_by_meta' }],
  });
  expect(await f.paces.get('t1', AD_ACCOUNT, 'ads_management')).toMatchObject({
    reason: 'throttled_by_meta',
  });

  const g = await setup(created());
  g.graph.failures.set(
    'campaignStatus',
    new MetaGraphError(400, { message: 'expired', code: 190, errorSubcode: 463 }),
  );
  expect(await syncCampaignStatus(g.deps)).toEqual({ campaigns: 0, changed: 0, skipped: [] });
  expect(g.connections.markedInvalid).toEqual([
    { connectionId: 'c1', reason: 'token_expired', actor: 'system:campaign-status' },
  ]);
});
