/**
 * Ads end to end: nothing is created at Meta until approved (by a person or a spend cap that the whole ad
 * account stays within), creation is paused, launch, pause and resume are explicit steps, and Meta's
 * status, delivery problems and growing spend come back. Resilience (resume, read-back, throttling) is in
 * campaign-resilience.test.ts.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle } from '../support/settle';
import { connectAndSelect, simJson } from '../support/meta-connect';
import { advanceSimClock, atMeta, connectAdsTenant, DAY_MS, draftBody, untilStatus } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { approveCampaign } from '../../lambdas/modules/ads/core/manage-campaigns';
import { createAtMeta } from '../../lambdas/modules/ads/core/create-at-meta';
import { adsWorkerFromRuntime } from '../../lambdas/modules/ads/wiring/ads';

const rt = withLocalRuntime();
const TENANT = 'ads-co';
let api: ReturnType<typeof rt.api>;

beforeAll(async () => {
  await connectAndSelect(
    rt,
    TENANT,
    { pages: [W.bakeryPageId, W.bikesPageId], adAccounts: [W.adAccountId], leadForms: [W.bakeryLeadFormId] },
    { features: ['ads', 'leads'] },
  );
  api = rt.api({ token: await rt.token(TENANT) });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

const statusEvents = (campaignId: string) =>
  rt.runtime
    .events({ detailType: 'campaign.status-changed' })
    .map((e) => e.envelope.detail as any)
    .filter((d) => d.campaignId === campaignId);

it('draft → approve → created paused at Meta → launch → status and spend sync back → pause → resume', async () => {
  const created = await api.post('/api/v1/campaigns', draftBody('Bread leads'));
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({ status: 'draft', approvalReason: 'no_spend_cap_for_account' });
  const id = created.json.id as string;
  // unapproved: nothing at Meta
  await untilIdle(rt);
  expect((await atMeta(rt, id)).campaigns).toEqual([]);

  expect((await api.post(`/api/v1/campaigns/${id}/approve`)).json.status).toBe('approved');
  const paused = await untilStatus(api, id, 'paused');
  expect(paused.meta).toEqual({
    campaignId: expect.any(String),
    adsetId: expect.any(String),
    creativeId: expect.any(String),
    adId: expect.any(String),
  });
  const made = await atMeta(rt, id);
  expect(made.campaigns).toEqual([
    expect.objectContaining({ id: paused.meta.campaignId, status: 'PAUSED', objective: 'OUTCOME_LEADS' }),
  ]);
  // the tenant's targeting is a limit (Advantage+ audience off), the form opens on the ad, and the
  // beneficiary and payer are named, as an ad reaching the EU needs
  expect(made.adSets).toEqual([
    expect.objectContaining({
      status: 'PAUSED',
      dailyRate: 4500,
      advantageAudience: 0,
      destinationType: 'ON_AD',
      dsaBeneficiary: 'Demo Bakery Lda',
      dsaPayor: 'Demo Bakery Lda',
    }),
  ]);
  expect(made.ads).toEqual([expect.objectContaining({ status: 'PAUSED' })]);

  expect((await api.post(`/api/v1/campaigns/${id}/resume`)).json.reason).toBe('never_launched_use_launch');
  const launched = await api.post(`/api/v1/campaigns/${id}/launch`);
  expect(launched.json).toMatchObject({ status: 'active', launchedAt: expect.any(String) });
  const live = await atMeta(rt, id);
  expect([live.campaigns[0].status, live.adSets[0].status, live.ads[0].status]).toEqual([
    'ACTIVE',
    'ACTIVE',
    'ACTIVE',
  ]);

  // six hours at Meta: spend grows with the clock while the campaign delivers
  await advanceSimClock(rt, 6 * 3600);
  await rt.runtime.runSchedule('campaign-status');
  const first = (await api.get(`/api/v1/campaigns/${id}`)).json.sync;
  expect(first).toMatchObject({ effectiveStatus: 'ACTIVE', issues: [] });
  expect(first.spend).toBeGreaterThan(3);
  expect(statusEvents(id)).toEqual([
    expect.objectContaining({ from: null, to: 'ACTIVE', spend: first.spend }),
  ]);

  // Meta reports a delivery problem: the sync announces it with Meta's words
  await simJson(rt, `/_sim/campaigns/${paused.meta.campaignId}/delivery`, {
    body: { issues: [{ summary: 'Payment method declined', message: 'Update the payment method.' }] },
  });
  await advanceSimClock(rt, 6 * 3600);
  await rt.runtime.runSchedule('campaign-status');
  const second = (await api.get(`/api/v1/campaigns/${id}`)).json.sync;
  expect(second).toMatchObject({ effectiveStatus: 'WITH_ISSUES', issues: ['Payment method declined'] });
  expect(second.spend).toBeGreaterThan(first.spend);
  expect(statusEvents(id).at(-1)).toMatchObject({ from: 'ACTIVE', to: 'WITH_ISSUES' });
  // each change seen at Meta is in the tenant's audit log
  const synced = (await api.get(`/api/v1/audit?action=campaign.status-sync&target=campaign:${id}`)).json
    .items;
  expect(synced.map((e: any) => [e.actor, e.reason, e.details.from, e.details.to])).toEqual([
    ['meta', 'meta_status_changed', 'ACTIVE', 'WITH_ISSUES'],
    ['meta', 'meta_status_changed', null, 'ACTIVE'],
  ]);
  await simJson(rt, `/_sim/campaigns/${paused.meta.campaignId}/delivery`, { body: { issues: [] } });

  const pausedAgain = await api.post(`/api/v1/campaigns/${id}/pause`);
  expect(pausedAgain.json.status).toBe('paused');
  expect((await atMeta(rt, id)).ads[0].status).toBe('PAUSED');
  // paused: the clock moves, the spend does not
  await advanceSimClock(rt, 6 * 3600);
  await rt.runtime.runSchedule('campaign-status');
  const third = (await api.get(`/api/v1/campaigns/${id}`)).json.sync;
  expect(third).toMatchObject({ effectiveStatus: 'PAUSED', spend: second.spend });

  expect((await api.post(`/api/v1/campaigns/${id}/launch`)).json.reason).toBe('already_launched_use_resume');
  expect((await api.post(`/api/v1/campaigns/${id}/resume`)).json.status).toBe('active');
  expect((await api.post(`/api/v1/campaigns/${id}/pause`)).json.status).toBe('paused');

  const launchedEvents = rt.runtime
    .events({ detailType: 'campaign.launched' })
    .map((e) => e.envelope.detail as any);
  expect(launchedEvents.filter((d) => d.campaignId === id).map((d) => d.resumed)).toEqual([false, true]);
  expect(rt.runtime.events({ detailType: 'campaign.paused' }).length).toBeGreaterThanOrEqual(2);
  const audit = (await api.get('/api/v1/audit?limit=100')).json.items.map((e: any) => e.action);
  expect(audit).toEqual(
    expect.arrayContaining([
      'campaign.create',
      'campaign.approve',
      'campaign.created-paused',
      'campaign.launch',
      'campaign.pause',
      'campaign.resume',
    ]),
  );
});

it('spend caps approve only what keeps the whole ad account within them; the rest waits for a person', async () => {
  // a tenant of its own, so the campaigns that count are this test's alone
  await connectAdsTenant(rt, 'caps-co');
  const api = rt.api({ token: await rt.token('caps-co') });
  // a campaign of 45.00 a day for a week, created at Meta (paused, so it can still spend): it counts
  const live = await api.post('/api/v1/campaigns', draftBody('Already live'));
  await api.post(`/api/v1/campaigns/${live.json.id}/approve`);
  await untilStatus(api, live.json.id, 'paused');
  const caps = { caps: [{ adAccountId: W.adAccountId, dailyCap: 12000, lifetimeCap: 100000 }] };
  expect((await api.put('/api/v1/settings/spend-caps', caps)).status).toBe(200);
  const within = await api.post(
    '/api/v1/campaigns',
    draftBody('Within caps', {
      dailyBudget: 5000,
      endTime: new Date(Date.now() + 5 * DAY_MS + 60_000).toISOString(),
    }),
  );
  expect(within.json).toMatchObject({
    status: 'approved',
    approvalReason: 'within_spend_caps',
    approval: { by: `rule:spend-cap:${W.adAccountId}`, ruleId: `spend-cap:${W.adAccountId}` },
    approvalFigures: { committedDaily: 4500, draftDaily: 5000, dailyCap: 12000 },
  });
  await untilStatus(api, within.json.id, 'paused');

  // 4500 a day is under the cap on its own, but not on top of the 9500 already committed
  const over = await api.post('/api/v1/campaigns', draftBody('Over caps', { dailyBudget: 4500 }));
  expect(over.json).toMatchObject({
    status: 'draft',
    approval: null,
    approvalReason: 'over_daily_cap',
    approvalFigures: { committedDaily: 9500, draftDaily: 4500, dailyCap: 12000 },
  });
  const openEnded = await api.post(
    '/api/v1/campaigns',
    draftBody('No end', {
      objective: 'OUTCOME_AWARENESS',
      leadFormId: undefined,
      dailyBudget: 500,
      endTime: undefined,
    }),
  );
  expect(openEnded.json.approvalReason).toBe('no_end_date_lifetime_unbounded');
  await untilIdle(rt);
  expect((await atMeta(rt, over.json.id)).campaigns).toEqual([]);

  // a person can still approve what the rule would not
  await api.post(`/api/v1/campaigns/${over.json.id}/approve`);
  await untilStatus(api, over.json.id, 'paused');
  expect((await atMeta(rt, over.json.id)).campaigns).toHaveLength(1);
});

it('an edit after approval withdraws it: the worker never sends what was edited, nor what was approved before', async () => {
  // approve without the job being sent, so the edit certainly lands before the worker looks
  const quiet = { ...adsWorkerFromRuntime(rt.runtime.deps), commands: { send: async () => undefined } };
  const c = await api.post('/api/v1/campaigns', draftBody('Edited after approval'));
  await approveCampaign(quiet, TENANT, c.json.id, 'user:approver');
  const edited = await api.patch(`/api/v1/campaigns/${c.json.id}`, { dailyBudget: 9900 });
  expect(edited.json).toMatchObject({ status: 'draft', approval: null, dailyBudget: 9900 });
  // the job arrives late: the approval is gone, so nothing is sent
  expect(await createAtMeta(adsWorkerFromRuntime(rt.runtime.deps), TENANT, c.json.id)).toEqual({
    outcome: 'skipped',
    reason: 'not_approved',
  });
  expect((await atMeta(rt, c.json.id)).campaigns).toEqual([]);
  // a record whose content no longer matches its approval hash is refused, never sent
  const stored = (await adsWorkerFromRuntime(rt.runtime.deps).campaigns.get(TENANT, c.json.id))!;
  await adsWorkerFromRuntime(rt.runtime.deps).campaigns.put({
    ...stored,
    status: 'approved',
    approval: { hash: 'f'.repeat(64), by: 'user:approver', at: new Date().toISOString() },
  });
  expect(await createAtMeta(adsWorkerFromRuntime(rt.runtime.deps), TENANT, c.json.id)).toEqual({
    outcome: 'failed',
    reason: 'content_changed_after_approval',
  });
  expect((await atMeta(rt, c.json.id)).campaigns).toEqual([]);
});

it('uses an existing Page post as the creative of an engagement campaign', async () => {
  const postId = `${W.bakeryPageId}_122000000000000001`;
  const c = await api.post(
    '/api/v1/campaigns',
    draftBody('From a post', {
      objective: 'OUTCOME_ENGAGEMENT',
      leadFormId: undefined,
      creative: { pageId: W.bakeryPageId, postId },
    }),
  );
  expect(c.status).toBe(201);
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  await untilStatus(api, c.json.id, 'paused');
  expect((await atMeta(rt, c.json.id)).creatives).toEqual([expect.objectContaining({ spec: postId })]);
});

describe('bad drafts get a problem naming the field', () => {
  it.each([
    [{ leadFormId: undefined }, 'body.leadFormId'],
    [{ leadFormId: W.bikesLeadFormId }, 'body.leadFormId'],
    [{ dailyBudget: 50 }, 'body.dailyBudget'],
    // below Meta's floor for lead ad sets (minimum_budgets, low-frequency events)
    [{ dailyBudget: 300 }, 'body.dailyBudget'],
    [{ adAccountId: 'act_999999999' }, 'body.adAccountId'],
    [{ objective: 'OUTCOME_TRAFFIC', leadFormId: undefined }, 'body.creative.link'],
    [{ endTime: new Date(Date.now() + 3_600_000).toISOString() }, 'body.endTime'],
    [{ startTime: new Date(Date.now() - DAY_MS).toISOString() }, 'body.startTime'],
    [{ objective: 'MAKE_MONEY' }, 'body.objective'],
    [{ optimizationGoal: 'REACH' }, 'body.optimizationGoal'],
    // leads are a low-frequency event: Meta's floor is 40.00 a day
    [{ optimizationGoal: 'QUALITY_LEAD', dailyBudget: 3000 }, 'body.dailyBudget'],
    // CREDIT was replaced by FINANCIAL_PRODUCTS_SERVICES in January 2025
    [{ specialAdCategories: ['CREDIT'] }, 'body.specialAdCategories.0'],
    [{ specialAdCategories: ['HOUSING'] }, 'body.targeting'],
    [{ creative: { pageId: W.bakeryPageId, postId: '999999999_1234567' } }, 'body.creative.postId'],
    [{ creative: { pageId: W.bakeryPageId, postId: `${W.bakeryPageId}_1234567` } }, 'body.creative.postId'],
    [{ creative: { pageId: W.bakeryPageId } }, 'body.creative.message'],
  ])('%j', async (extra, field) => {
    const res = await api.post('/api/v1/campaigns', draftBody('Bad', extra));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.json.errors.map((e: any) => e.field)).toContain(field);
  });

  it('names the floor Meta holds the account to', async () => {
    const res = await api.post('/api/v1/campaigns', draftBody('Bad', { dailyBudget: 300 }));
    expect(res.json.errors).toContainEqual({
      field: 'body.dailyBudget',
      message: 'at least 4000 in minor units of EUR for LEAD_GENERATION',
    });
  });
});
