/**
 * The ads worker with in-memory fakes: campaign → ad set → creative → ad, all paused, each id kept the
 * moment Meta returns it; a lost answer is read back by name; the ad account's pace defers the job.
 */
import { createAtMeta } from '../../../lambdas/modules/ads/core/create-at-meta';
import { campaignHash, type CampaignRecord } from '../../../lambdas/modules/ads/core/campaign';
import { CampaignCreateRequested } from '../../../lambdas/modules/ads/contracts';
import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import type { UsageReport } from '../../../lambdas/platform/core/graph/usage-headers';
import { AD_ACCOUNT, FORM, PAGE, activeConnection, adsFakes } from './fakes';

const NOW = new Date('2026-11-20T10:00:00Z');

function approved(over: Partial<CampaignRecord> = {}): CampaignRecord {
  const c: CampaignRecord = {
    tenantId: 't1',
    id: 'cmp_1',
    connectionId: 'c1',
    adAccountId: AD_ACCOUNT,
    name: 'Winter',
    objective: 'OUTCOME_LEADS',
    dailyBudget: 4500,
    startTime: new Date(NOW.getTime() + 60_000).toISOString(),
    specialAdCategories: [],
    targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
    dsa: { beneficiary: 'Bakery' },
    creative: { pageId: PAGE, message: 'Hello' },
    leadFormId: FORM,
    status: 'approved',
    meta: {},
    createdBy: 'user:ana',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  };
  return {
    ...c,
    approval: over.approval ?? { hash: campaignHash(c), by: 'user:boss', at: NOW.toISOString() },
  };
}

async function setup(c: CampaignRecord = approved(), opts: { delayedJobs?: boolean } = {}) {
  const f = adsFakes({ now: NOW, ...opts });
  f.connections.add(activeConnection());
  await f.campaigns.put(c);
  return f;
}

const usage = (percent: number, regainMinutes = 0): UsageReport => ({
  maxPercent: percent,
  regainAccessMs: regainMinutes * 60_000,
  buckets: [
    {
      header: 'x-business-use-case-usage',
      id: AD_ACCOUNT.replace('act_', ''),
      type: 'ads_management',
      percent,
      ...(regainMinutes ? { regainAccessMs: regainMinutes * 60_000 } : {}),
    },
  ],
});

it('creates the four objects in order, all paused, named with the campaign id, with the user token', async () => {
  const f = await setup();
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({ outcome: 'created', reason: 'created_paused' });
  expect(f.graph.creates()).toEqual(['createCampaign', 'createAdSet', 'createCreative', 'createAd']);
  expect(f.graph.objects.every((o) => o.name.includes('[cmp_1]'))).toBe(true);
  expect(f.graph.calls[0]!.args[1]).toBe('token(ct:user)');
  const stored = (await f.campaigns.get('t1', 'cmp_1'))!;
  expect(stored).toMatchObject({
    status: 'paused',
    meta: { campaignId: 'campaign_1', adsetId: 'adset_2', creativeId: 'creative_3', adId: 'ad_4' },
  });
  expect(stored.lease).toBeUndefined();
  expect(f.audit.at(-1)).toMatchObject({ action: 'campaign.created-paused', result: 'success' });
  // a redelivery has nothing to do
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
    outcome: 'skipped',
    reason: 'already_created',
  });
});

it('a step whose answer was lost is read back by name on the retry, not created twice', async () => {
  const f = await setup();
  f.graph.loseAnswerOf = 'createAdSet';
  const lost = f.graph.createAdSet.bind(f.graph);
  f.graph.createAdSet = async (...a) =>
    lost(...a).catch(() => {
      throw new MetaNetworkError('POST adsets got no answer', true);
    });
  await expect(createAtMeta(f.deps, 't1', 'cmp_1')).rejects.toBeInstanceOf(MetaNetworkError);
  const between = (await f.campaigns.get('t1', 'cmp_1'))!;
  expect(between).toMatchObject({
    status: 'creating',
    pendingStep: 'adset',
    meta: { campaignId: 'campaign_1' },
  });
  expect(between.lease).toBeUndefined();

  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toMatchObject({ outcome: 'created' });
  expect(f.graph.objects.filter((o) => o.kind === 'adset')).toHaveLength(1);
  expect(f.graph.creates().filter((m) => m === 'createCampaign')).toHaveLength(1);
});

it('a campaign that changed after approval, or was never approved, is not sent', async () => {
  const changed = approved();
  let f = await setup({ ...changed, dailyBudget: 9000 });
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
    outcome: 'failed',
    reason: 'content_changed_after_approval',
  });
  const { approval: _none, ...draft } = approved({ status: 'draft' });
  f = await setup(draft);
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({ outcome: 'skipped', reason: 'not_approved' });
  expect(f.graph.calls).toEqual([]);
});

it('another run holding the campaign is left alone', async () => {
  const f = await setup(
    approved({
      status: 'creating',
      lease: { runId: 'run_other', until: new Date(NOW.getTime() + 60_000).toISOString() },
    }),
  );
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
    outcome: 'skipped',
    reason: 'another_run_in_progress',
  });
});

it('Meta’s own words become the failure reason of a refused create; the ids made so far stay', async () => {
  const f = await setup();
  f.graph.failures.set(
    'createCreative',
    new MetaGraphError(400, {
      message: 'Invalid parameter',
      code: 100,
      errorUserTitle: 'Image too small',
      errorUserMsg: 'Use an image of at least 600 pixels',
    }),
  );
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
    outcome: 'failed',
    reason: 'Image too small: Use an image of at least 600 pixels',
  });
  expect((await f.campaigns.get('t1', 'cmp_1'))!).toMatchObject({
    status: 'failed',
    meta: { campaignId: 'campaign_1', adsetId: 'adset_2' },
  });
});

it('a refused token expires the connection and fails the campaign with the reason', async () => {
  const f = await setup();
  f.graph.failures.set(
    'createCampaign',
    new MetaGraphError(400, { message: 'expired', code: 190, errorSubcode: 463 }),
  );
  expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
    outcome: 'failed',
    reason: 'token_invalid_token_expired',
  });
  expect(f.connections.markedInvalid).toEqual([
    { connectionId: 'c1', reason: 'token_expired', actor: 'system:ads' },
  ]);
});

describe('the ad account’s pace (usage Meta reports)', () => {
  it('a short wait is slept through in the worker, and the slowest decision is shown on the campaign', async () => {
    const f = await setup();
    f.graph.usage = usage(80);
    expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toMatchObject({ outcome: 'created' });
    expect(f.sleeps).toEqual([1000, 1000, 1000]);
    expect((await f.campaigns.get('t1', 'cmp_1'))!.pacing).toMatchObject({
      reason: 'usage_above_75',
      percent: 80,
      waitMs: 1000,
    });
  });

  it('Meta asking to wait minutes gives the job back to its queue with that delay; nothing more is sent', async () => {
    const f = await setup(approved(), { delayedJobs: true });
    f.graph.usage = usage(100, 5);
    expect(await createAtMeta(f.deps, 't1', 'cmp_1')).toEqual({
      outcome: 'deferred',
      reason: 'meta_asked_to_wait',
      waitMs: 300_000,
    });
    expect(f.graph.creates()).toEqual(['createCampaign']);
    expect(f.delayed).toEqual([
      {
        detailType: CampaignCreateRequested.detailType,
        detail: { tenantId: 't1', campaignId: 'cmp_1' },
        delaySeconds: 300,
      },
    ]);
    expect((await f.campaigns.get('t1', 'cmp_1'))!).toMatchObject({
      meta: { campaignId: 'campaign_1' },
      pacing: { reason: 'meta_asked_to_wait' },
    });
  });

  it('without its queue at hand, a long wait is a rate-limited failure the queue retries', async () => {
    const f = await setup();
    await f.paces.put('t1', 'c1', AD_ACCOUNT, 'ads_management', {
      until: new Date(NOW.getTime() + 120_000).toISOString(),
      reason: 'throttled_by_meta',
      percent: 100,
      at: NOW.toISOString(),
    });
    await expect(createAtMeta(f.deps, 't1', 'cmp_1')).rejects.toMatchObject({
      kind: 'rate_limited',
      reason: 'throttled_by_meta',
    });
    expect(f.graph.calls).toEqual([]);
    expect((await f.campaigns.get('t1', 'cmp_1'))!.status).toBe('approved');
  });
});
