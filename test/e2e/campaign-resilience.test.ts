/**
 * The Marketing API worker under failure: a failure after the ad set resumes without a second campaign or
 * ad set; a create whose answer was lost is read back instead of repeated; Meta's user-facing words
 * become the reason; and the ad account's usage headers slow the worker down, or send the job back to the
 * queue when Meta's limits call for a long pause.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { eventually, simJson } from '../support/meta-connect';
import { atMeta, connectAdsTenant, draftBody, untilStatus } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { approveCampaign } from '../../lambdas/modules/ads/core/manage-campaigns';
import { createAtMeta } from '../../lambdas/modules/ads/core/create-at-meta';
import { adsWorkerFromRuntime } from '../../lambdas/modules/ads/wiring/ads';

const rt = withLocalRuntime();
const TENANT = 'ads-resilience-co';
let api: ReturnType<typeof rt.api>;

beforeAll(async () => {
  await connectAdsTenant(rt, TENANT);
  api = rt.api({ token: await rt.token(TENANT) });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 0 } });
});

const posts = async (path: string) =>
  ((await simJson(rt, '/_sim/calls')).json.calls as any[]).filter(
    (x) => x.method === 'POST' && x.path === path,
  );

it('a failure after the ad set was created resumes without a second campaign or ad set', async () => {
  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: `^/?${W.adAccountId}/adcreatives$`, method: 'POST', status: 500, code: 2, times: 1 },
  });
  const c = await api.post('/api/v1/campaigns', draftBody('Resumes'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const done = await untilStatus(api, c.json.id, 'paused');
  const made = await atMeta(rt, c.json.id);
  expect(made.campaigns.map((x: any) => x.id)).toEqual([done.meta.campaignId]);
  expect(made.adSets.map((x: any) => x.id)).toEqual([done.meta.adsetId]);
  expect(made.creatives).toHaveLength(1);
  expect(made.ads).toHaveLength(1);
});

it('a create whose answer was lost is read back by name, not sent twice', async () => {
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  // Meta makes the ad set, then the connection drops before the answer
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.adAccountId}/adsets$`,
      method: 'POST',
      effect: 'timeout-after-success',
      delayMs: 100,
      times: 1,
    },
  });
  const c = await api.post('/api/v1/campaigns', draftBody('Lost answer'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const done = await untilStatus(api, c.json.id, 'paused');
  const made = await atMeta(rt, c.json.id);
  expect(made.adSets.map((x: any) => x.id)).toEqual([done.meta.adsetId]);
  expect(await posts(`/${W.adAccountId}/adsets`)).toHaveLength(1);
  const reads = ((await simJson(rt, '/_sim/calls')).json.calls as any[]).filter(
    (x) => x.method === 'GET' && x.path === `/${done.meta.campaignId}/adsets`,
  );
  expect(reads.length).toBeGreaterThanOrEqual(1);
});

it('a duplicate delivery of the job leaves a campaign another run holds; a lapsed hold is taken over', async () => {
  const quiet = { ...adsWorkerFromRuntime(rt.runtime.deps), commands: { send: async () => undefined } };
  const c = await api.post('/api/v1/campaigns', draftBody('Held'));
  await approveCampaign(quiet, TENANT, c.json.id, 'user:approver');
  const stored = (await adsWorkerFromRuntime(rt.runtime.deps).campaigns.get(TENANT, c.json.id))!;
  const hold = (ms: number) =>
    adsWorkerFromRuntime(rt.runtime.deps).campaigns.put({
      ...stored,
      status: 'creating',
      lease: { runId: 'run_other', until: new Date(Date.now() + ms).toISOString() },
    });
  await hold(60_000);
  expect(await createAtMeta(adsWorkerFromRuntime(rt.runtime.deps), TENANT, c.json.id)).toEqual({
    outcome: 'skipped',
    reason: 'another_run_in_progress',
  });
  expect((await atMeta(rt, c.json.id)).campaigns).toEqual([]);
  await hold(-1_000);
  expect(await createAtMeta(adsWorkerFromRuntime(rt.runtime.deps), TENANT, c.json.id)).toEqual({
    outcome: 'created',
    reason: 'created_paused',
  });
  expect((await atMeta(rt, c.json.id)).campaigns).toHaveLength(1);
});

it("Meta's own words become the reason; approving again resumes from what Meta already has", async () => {
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.adAccountId}/ads$`,
      method: 'POST',
      status: 400,
      code: 100,
      userTitle: 'Ad text too long',
      userMsg: 'Shorten the text of the ad and try again.',
      times: 1,
    },
  });
  const c = await api.post('/api/v1/campaigns', draftBody('Plain reason'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const failed = await untilStatus(api, c.json.id, 'failed');
  expect(failed.error).toBe('Ad text too long: Shorten the text of the ad and try again.');
  expect(failed.meta).toMatchObject({ campaignId: expect.any(String), creativeId: expect.any(String) });
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const done = await untilStatus(api, c.json.id, 'paused');
  expect(done.meta.campaignId).toBe(failed.meta.campaignId);
  const made = await atMeta(rt, c.json.id);
  expect([made.campaigns.length, made.adSets.length, made.creatives.length, made.ads.length]).toEqual([
    1, 1, 1, 1,
  ]);
});

it("the ad account's usage headers slow the worker down", async () => {
  // Meta reports the account's ads_management bucket at 80 %
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 80 } });
  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  const c = await api.post('/api/v1/campaigns', draftBody('Slowed down'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const done = await untilStatus(api, c.json.id, 'paused');
  expect(done.pacing).toMatchObject({ reason: 'usage_above_75', percent: 80, waitMs: 1000 });
  // this campaign's creates only: another test's deferred job may still be finishing its own
  const calls = ((await simJson(rt, '/_sim/calls')).json.calls as any[]).filter(
    (x) =>
      x.method === 'POST' &&
      /\/(campaigns|adsets|adcreatives|ads)$/.test(x.path) &&
      String(x.body?.name ?? '').includes(`[${c.json.id}]`),
  );
  expect(calls).toHaveLength(4);
  const at = calls.map((x) => Date.parse(x.at));
  // each create waits for the pause the previous answer asked for
  for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(950);
});

it('a long pause gives the job back to the queue instead of holding the worker', async () => {
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 92 } });
  const c = await api.post('/api/v1/campaigns', draftBody('Deferred'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  // the campaign was created, then Meta said 92 %: the ad set waits 15 s on the queue, not in the worker
  const deferred = await eventually(async () => {
    const x = (await api.get(`/api/v1/campaigns/${c.json.id}`)).json;
    return x.pacing?.reason === 'usage_above_90' ? x : undefined;
  });
  expect(deferred).toMatchObject({ status: 'creating', meta: { campaignId: expect.any(String) } });
  expect(deferred.meta.adsetId).toBeUndefined();
  expect(deferred.pacing.percent).toBe(92);
  expect(deferred.pacing.waitMs).toBeGreaterThan(10_000);
  expect(deferred.pacing.waitMs).toBeLessThanOrEqual(15_000);
  // the job comes back after its pause and finishes here, so none of it runs into another test (it
  // would take that test's injected faults)
  await simJson(rt, '/_sim/ads-usage', { body: { floorPercent: 0 } });
  await untilStatus(api, c.json.id, 'paused');
});
