/**
 * Ads end to end: nothing is created at Meta until approved (by a person or a spend cap), creation is
 * paused and resumable, launch and pause are explicit steps.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const TENANT = 'ads-co';
let api: ReturnType<typeof rt.api>;

beforeAll(async () => {
  await connectAndSelect(
    rt,
    TENANT,
    { pages: [W.bakeryPageId], adAccounts: [W.adAccountId], leadForms: [W.bakeryLeadFormId] },
    { features: ['ads', 'leads'] },
  );
  api = rt.api({ token: await rt.token(TENANT) });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

const day = 86_400_000;
const draftBody = (name: string, extra: Record<string, unknown> = {}) => ({
  adAccountId: W.adAccountId,
  name,
  objective: 'OUTCOME_LEADS',
  dailyBudget: 2000,
  startTime: new Date(Date.now() + day).toISOString(),
  endTime: new Date(Date.now() + 8 * day).toISOString(),
  targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
  creative: { pageId: W.bakeryPageId, message: 'Order your bread online' },
  leadFormId: W.bakeryLeadFormId,
  ...extra,
});
const simState = async () => (await simJson(rt, '/_sim/state')).json;
const simCampaigns = async (name: string) => (await simState()).campaigns.filter((c: any) => c.name === name);
const until = (id: string, status: string) =>
  eventually(
    async () => {
      const c = (await api.get(`/api/v1/campaigns/${id}`)).json;
      return c.status === status ? c : undefined;
    },
    15_000,
    150,
  );

it('draft → approve → created paused at Meta → launch → pause', async () => {
  const created = await api.post('/api/v1/campaigns', draftBody('Bread leads'));
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({ status: 'draft', approvalReason: 'no_spend_cap_for_account' });
  await new Promise((r) => setTimeout(r, 300));
  expect(await simCampaigns('Bread leads')).toEqual([]);

  expect((await api.post(`/api/v1/campaigns/${created.json.id}/approve`)).json.status).toBe('approved');
  const paused = await until(created.json.id, 'paused');
  expect(paused.meta).toEqual({
    campaignId: expect.any(String),
    adsetId: expect.any(String),
    creativeId: expect.any(String),
    adId: expect.any(String),
  });
  const [atMeta] = await simCampaigns('Bread leads');
  expect(atMeta).toMatchObject({ id: paused.meta.campaignId, status: 'PAUSED', objective: 'OUTCOME_LEADS' });

  const launched = await api.post(`/api/v1/campaigns/${created.json.id}/launch`);
  expect(launched.json.status).toBe('active');
  expect((await simCampaigns('Bread leads'))[0].status).toBe('ACTIVE');
  // the status sync brings Meta's effective status and spend back, and announces the change
  await rt.runtime.runSchedule('campaign-status');
  const synced = (await api.get(`/api/v1/campaigns/${created.json.id}`)).json;
  expect(synced.sync).toMatchObject({ effectiveStatus: 'ACTIVE', issues: [], spend: expect.any(Number) });
  const changes = rt.runtime
    .events({ detailType: 'campaign.status_changed' })
    .map((e) => e.envelope.detail as any);
  expect(changes).toContainEqual(expect.objectContaining({ campaignId: created.json.id, to: 'ACTIVE' }));
  const pausedAgain = await api.post(`/api/v1/campaigns/${created.json.id}/pause`);
  expect(pausedAgain.json.status).toBe('paused');
  const state = await simState();
  expect(state.campaigns.find((c: any) => c.id === paused.meta.campaignId).status).toBe('PAUSED');
  expect(rt.runtime.events({ detailType: 'campaign.launched' }).length).toBeGreaterThan(0);
  expect(rt.runtime.events({ detailType: 'campaign.paused' }).length).toBeGreaterThan(0);
  const audit = (await api.get('/api/v1/audit?limit=100')).json.items.map((e: any) => e.action);
  expect(audit).toEqual(
    expect.arrayContaining([
      'campaign.create',
      'campaign.approve',
      'campaign.created-paused',
      'campaign.launch',
      'campaign.pause',
    ]),
  );
});

it('a draft within the spend caps is approved by the rule; one over them waits for a person', async () => {
  expect(
    (
      await api.put('/api/v1/settings/spend-caps', {
        caps: [{ adAccountId: W.adAccountId, dailyCap: 5000, lifetimeCap: 30000 }],
      })
    ).status,
  ).toBe(200);
  const within = await api.post(
    '/api/v1/campaigns',
    draftBody('Within caps', { dailyBudget: 3000, endTime: new Date(Date.now() + 6 * day).toISOString() }),
  );
  expect(within.json).toMatchObject({ status: 'approved', approvalReason: 'within_spend_caps' });
  await until(within.json.id, 'paused');
  const over = await api.post('/api/v1/campaigns', draftBody('Over caps', { dailyBudget: 9000 }));
  expect(over.json).toMatchObject({ status: 'draft', approvalReason: 'over_daily_cap' });
  const overLifetime = await api.post(
    '/api/v1/campaigns',
    draftBody('Over lifetime', { dailyBudget: 5000, endTime: new Date(Date.now() + 20 * day).toISOString() }),
  );
  expect(overLifetime.json.approvalReason).toBe('over_lifetime_cap');
  await new Promise((r) => setTimeout(r, 500));
  expect(await simCampaigns('Over caps')).toEqual([]);
  await api.put('/api/v1/settings/spend-caps', { caps: [] });
});

it('a failure after the ad set was created resumes without a second campaign or ad set', async () => {
  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: `^/?${W.adAccountId}/adcreatives$`, method: 'POST', status: 500, code: 2, times: 2 },
  });
  const c = await api.post('/api/v1/campaigns', draftBody('Resumes'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const done = await until(c.json.id, 'paused');
  expect(await simCampaigns('Resumes')).toHaveLength(1);
  const adsets = (await simJson(rt, '/_sim/calls')).json.calls.filter(
    (x: any) => x.method === 'POST' && x.path === `/${W.adAccountId}/adsets`,
  );
  expect(adsets.length).toBeGreaterThanOrEqual(1);
  expect(done.meta.adId).toEqual(expect.any(String));
});

it('an approved campaign edited before creation is never created as edited', async () => {
  await simJson(rt, '/_sim/faults', {
    body: {
      pathPattern: `^/?${W.adAccountId}/campaigns$`,
      method: 'POST',
      status: 500,
      code: 2,
      times: 1000,
    },
  });
  const c = await api.post('/api/v1/campaigns', draftBody('Edited after approval'));
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  const edited = await api.patch(`/api/v1/campaigns/${c.json.id}`, { dailyBudget: 99999 });
  expect(edited.json).toMatchObject({ status: 'draft', approval: null });
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  await new Promise((r) => setTimeout(r, 2500));
  expect(await simCampaigns('Edited after approval')).toEqual([]);
  expect((await api.get(`/api/v1/campaigns/${c.json.id}`)).json.status).toBe('draft');
});

it('uses an existing Page post as the creative', async () => {
  const postId = `${W.bakeryPageId}_122000000000000001`;
  const c = await api.post(
    '/api/v1/campaigns',
    draftBody('From a post', { creative: { pageId: W.bakeryPageId, postId } }),
  );
  expect(c.status).toBe(201);
  await api.post(`/api/v1/campaigns/${c.json.id}/approve`);
  await until(c.json.id, 'paused');
  const calls = (await simJson(rt, '/_sim/calls')).json.calls as any[];
  expect(calls.some((x) => x.method === 'POST' && x.path === `/${W.adAccountId}/adcreatives`)).toBe(true);
});

describe('bad drafts get a problem naming the field', () => {
  it.each([
    [{ leadFormId: undefined }, 'body.leadFormId'],
    [{ dailyBudget: 50 }, 'body.dailyBudget'],
    [{ adAccountId: 'act_999999999' }, 'body.adAccountId'],
    [{ objective: 'OUTCOME_TRAFFIC', leadFormId: undefined }, 'body.creative.link'],
    [{ endTime: new Date(Date.now() + 3_600_000).toISOString() }, 'body.endTime'],
    [{ objective: 'MAKE_MONEY' }, 'body.objective'],
    [{ creative: { pageId: W.bakeryPageId, postId: '999999999_1234567' } }, 'body.creative.postId'],
    [{ creative: { pageId: W.bakeryPageId } }, 'body.creative.message'],
  ])('%j', async (extra, field) => {
    const res = await api.post('/api/v1/campaigns', draftBody('Bad', extra));
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.field)).toContain(field);
  });
});
