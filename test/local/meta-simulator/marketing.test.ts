/**
 * The simulated Marketing API: Meta's required-field errors, budgets held to the account's minimums,
 * spend that grows with the clock only while everything is ACTIVE, delivery problems, list edges with
 * `filtering`, per-account usage headers and throttling, and insights by campaign.
 */
import { DEFAULT_WORLD_IDS as IDS, type MetaSimulator } from '../../../local/meta-simulator';
import { connectUser, control, graph, useSimulator } from './sim-test-helpers';

let sim: MetaSimulator;
let token: string;
const act = IDS.adAccountId;

useSimulator(11, (started) => (sim = started));
beforeEach(async () => {
  token = (await connectUser(sim)).longToken;
});

const post = (path: string, form: Record<string, string>) => graph(sim, 'POST', path, { token, form });
const campaign = async (extra: Record<string, string> = {}) =>
  (
    await post(`${act}/campaigns`, {
      name: 'C [cmp_1]',
      objective: 'OUTCOME_LEADS',
      special_ad_categories: '[]',
      is_adset_budget_sharing_enabled: 'false',
      status: 'PAUSED',
      ...extra,
    })
  ).body.id as string;
const adset = (campaignId: string, extra: Record<string, string> = {}) =>
  post(`${act}/adsets`, {
    name: 'S [cmp_1]',
    campaign_id: campaignId,
    daily_budget: '4500',
    billing_event: 'IMPRESSIONS',
    optimization_goal: 'LEAD_GENERATION',
    targeting: JSON.stringify({
      geo_locations: { countries: ['PT'] },
      targeting_automation: { advantage_audience: 0 },
    }),
    promoted_object: JSON.stringify({ page_id: IDS.bakeryPageId }),
    destination_type: 'ON_AD',
    dsa_beneficiary: 'Bakery Ltd',
    dsa_payor: 'Bakery Ltd',
    status: 'PAUSED',
    ...extra,
  });

it("answers Meta's required-field errors with the words a person can read", async () => {
  const noSharing = await post(`${act}/campaigns`, {
    name: 'C',
    objective: 'OUTCOME_LEADS',
    special_ad_categories: '[]',
  });
  expect(noSharing.body.error).toMatchObject({
    code: 100,
    error_user_title: 'Budget sharing setting required',
  });
  const noCountry = await post(`${act}/campaigns`, {
    name: 'C',
    objective: 'OUTCOME_LEADS',
    special_ad_categories: '["HOUSING"]',
    is_adset_budget_sharing_enabled: 'false',
  });
  expect(noCountry.body.error.error_user_title).toBe('Country required for special ad categories');
  const id = await campaign();
  expect((await adset(id, { daily_budget: '300' })).body.error).toMatchObject({
    error_subcode: 1885272,
    error_user_title: 'Budget too low',
  });
  expect((await adset(id, { optimization_goal: 'REACH' })).body.error.error_user_title).toBe(
    'Optimization goal not available',
  );
  expect((await adset(id, { lifetime_budget: '20000' })).body.error.error_user_title).toBe('Budget required');
  expect((await adset(id, { promoted_object: '{}' })).body.error.error_user_title).toBe('Page required');
  expect((await graph(sim, 'GET', `${act}/minimum_budgets`, { token })).body.data[0]).toMatchObject({
    currency: 'EUR',
    min_daily_budget_imp: 100,
    min_daily_budget_high_freq: 500,
  });
});

it('spends only while campaign, ad set and ad are ACTIVE, growing with the clock', async () => {
  const id = await campaign();
  const set = (await adset(id)).body.id as string;
  const creative = (await post(`${act}/adcreatives`, { name: 'K', object_story_id: `${IDS.bakeryPageId}_1` }))
    .body.id;
  const ad = (
    await post(`${act}/ads`, {
      name: 'A',
      adset_id: set,
      creative: JSON.stringify({ creative_id: creative }),
    })
  ).body.id as string;
  const spend = async () =>
    (await graph(sim, 'GET', `${id}/insights`, { token, query: { fields: 'spend', date_preset: 'maximum' } }))
      .body.data;
  await control(sim, 'POST', 'clock', { advanceSeconds: 3600 });
  expect(await spend()).toEqual([]);
  for (const x of [id, set, ad]) await post(x, { status: 'ACTIVE' });
  await control(sim, 'POST', 'clock', { advanceSeconds: 12 * 3600 });
  const half = Number((await spend())[0].spend);
  // 45.00 a day, spent at 95 %, for half a day
  expect(half).toBeCloseTo(21.38, 1);
  await post(ad, { status: 'PAUSED' });
  await control(sim, 'POST', 'clock', { advanceSeconds: 12 * 3600 });
  expect(Number((await spend())[0].spend)).toBe(half);
  const node = await graph(sim, 'GET', ad, { token, query: { fields: 'effective_status' } });
  expect(node.body.effective_status).toBe('PAUSED');

  await control(sim, 'POST', `campaigns/${id}/delivery`, {
    issues: [{ summary: 'Payment method declined', message: 'Update it.' }],
  });
  const c = await graph(sim, 'GET', id, { token, query: { fields: 'effective_status,issues_info' } });
  expect(c.body).toMatchObject({
    effective_status: 'WITH_ISSUES',
    issues_info: [{ error_summary: 'Payment method declined' }],
  });
});

it('lists ad objects with filtering, as the read-back before a repeated create needs', async () => {
  const id = await campaign();
  await campaign({ name: 'Other [cmp_2]' });
  const found = await graph(sim, 'GET', `${act}/campaigns`, {
    token,
    query: {
      fields: 'id,name',
      filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: '[cmp_1]' }]),
    },
  });
  expect(found.body.data).toEqual([{ id, name: 'C [cmp_1]' }]);
  const bad = await graph(sim, 'GET', `${act}/campaigns`, {
    token,
    query: { filtering: JSON.stringify([{ field: 'colour', operator: 'EQUAL', value: 'x' }]) },
  });
  expect(bad.body.error.code).toBe(100);
});

it("reports each ad account's usage in Meta's headers, and throttles at 100 % when enforcing", async () => {
  const read = await graph(sim, 'GET', act, { token, query: { fields: 'name' } });
  const buc = JSON.parse(read.headers.get('x-business-use-case-usage')!);
  expect(buc[IDS.adAccountNumber][0]).toMatchObject({
    type: 'ads_management',
    estimated_time_to_regain_access: 0,
  });
  expect(JSON.parse(read.headers.get('x-ad-account-usage')!)).toHaveProperty('acc_id_util_pct');
  const insights = await graph(sim, 'GET', `${act}/insights`, { token, query: { level: 'campaign' } });
  expect(JSON.parse(insights.headers.get('x-fb-ads-insights-throttle')!)).toMatchObject({
    acc_id_util_pct: expect.any(Number),
    app_id_util_pct: expect.any(Number),
  });

  // Meta's budget grows by 40 calls per active ad: without one, two calls fill it
  await post(IDS.adId, { status: 'PAUSED' });
  await control(sim, 'POST', 'ads-usage', { managementBudget: 2, enforce: true });
  let refused = await graph(sim, 'GET', act, { token });
  for (let i = 0; i < 3 && !refused.body.error; i++) refused = await graph(sim, 'GET', act, { token });
  expect(refused.body.error).toMatchObject({ code: 80004, error_subcode: 2446079 });
  const full = JSON.parse(refused.headers.get('x-business-use-case-usage')!)[IDS.adAccountNumber][0];
  expect(full.call_count).toBe(100);
  expect(full.estimated_time_to_regain_access).toBeGreaterThanOrEqual(1);
});

it('gives campaign insights by day with numbers as strings, and async report runs that take polls', async () => {
  const days = await graph(sim, 'GET', `${act}/insights`, {
    token,
    query: {
      level: 'campaign',
      time_increment: '1',
      time_range: JSON.stringify({ since: '2026-02-01', until: '2026-02-03' }),
      fields: 'campaign_id,spend,impressions,clicks,actions',
    },
  });
  expect(days.body.data).toHaveLength(3);
  expect(days.body.data[0]).toMatchObject({
    campaign_id: IDS.campaignId,
    date_start: '2026-02-01',
    spend: expect.stringMatching(/^\d+\.\d{2}$/),
    impressions: expect.stringMatching(/^\d+$/),
    actions: [{ action_type: 'lead', value: expect.stringMatching(/^\d+$/) }],
  });
  await control(sim, 'POST', 'insights', { reportPolls: 2 });
  const run = await graph(sim, 'POST', `${act}/insights`, {
    token,
    form: {
      level: 'campaign',
      time_increment: '1',
      time_range: JSON.stringify({ since: '2026-02-01', until: '2026-02-10' }),
    },
  });
  const id = run.body.report_run_id as string;
  const statuses: string[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await graph(sim, 'GET', id, { token })).body.async_status);
  expect(statuses).toEqual(['Job Started', 'Job Running', 'Job Completed']);
  expect(
    (await graph(sim, 'GET', `${id}/insights`, { token, query: { limit: '100' } })).body.data,
  ).toHaveLength(10);
});
