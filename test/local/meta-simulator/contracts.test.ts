/**
 * The contract reference is the simulator's referee: every route serves exactly one endpoint of it, the
 * generated document matches it, and the calls the service used to make — which Meta refuses — are
 * refused here too, with Meta's error shape.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appSecretProof, DEFAULT_WORLD_IDS as IDS, type MetaSimulator } from '../../../local/meta-simulator';
import { ALL_CONTRACTS } from '../../../local/meta-simulator/contracts';
import { contractsDocument } from '../../../local/meta-simulator/contracts/contracts-doc';
import { buildGraphRoutes } from '../../../local/meta-simulator/graph-routes';
import {
  ALL_SCOPES,
  APP_SECRET,
  connectUser,
  control,
  graph,
  pageToken,
  type Json,
  useSimulator,
} from './sim-test-helpers';

let sim: MetaSimulator;
let user: string;
let page: string;

const SCOPES = [
  ...ALL_SCOPES,
  'pages_messaging',
  'instagram_manage_messages',
  'whatsapp_business_messaging',
  'pages_manage_engagement',
];

useSimulator(23, (started) => (sim = started));
beforeEach(async () => {
  user = (await connectUser(sim, { scope: SCOPES.join(',') })).longToken;
  page = await pageToken(sim, user, IDS.bakeryPageId);
});

/** A call exactly as given: where its parameters go is the test's choice, not the helper's. */
async function raw(
  method: string,
  pathname: string,
  opts: {
    token: string;
    query?: Record<string, string>;
    form?: Record<string, string>;
    proofIn: 'query' | 'body';
  },
) {
  const url = new URL(`${sim.url}/v26.0/${pathname}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const form = new URLSearchParams(opts.form ?? {});
  const proof = appSecretProof(opts.token, APP_SECRET);
  if (opts.proofIn === 'query') url.searchParams.set('appsecret_proof', proof);
  else form.set('appsecret_proof', proof);
  const body = [...form.keys()].length > 0 ? form.toString() : undefined;
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${opts.token}`,
      ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('the reference', () => {
  it('docs/meta-contracts.md is generated from it (npm run docs:meta-contracts)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../../docs/meta-contracts.md'), 'utf8');
    expect(committed).toBe(contractsDocument());
  });

  it('every route serves an endpoint of the reference, and every endpoint has a route', () => {
    const served = buildGraphRoutes().contracts();
    expect(new Set(served.map((c) => c.id))).toEqual(new Set(ALL_CONTRACTS.map((c) => c.id)));
    expect(new Set(ALL_CONTRACTS.map((c) => c.id)).size).toBe(ALL_CONTRACTS.length);
  });

  it('names the Meta page each endpoint comes from', () => {
    for (const c of ALL_CONTRACTS) expect(c.doc).toMatch(/^https:\/\/developers\.facebook\.com\//);
  });

  it('records which contract served each call, and an endpoint outside it is refused as Meta does', async () => {
    await control(sim, 'DELETE', 'calls');
    await graph(sim, 'GET', `${IDS.bakeryPageId}/subscribed_apps`, { token: page });
    const off = await graph(sim, 'POST', `${IDS.bakeryPageId}/nonexistent_edge`, {
      token: page,
      form: { a: 'b' },
    });
    expect(off.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const calls = (await control(sim, 'GET', 'calls')).body.calls as Json[];
    expect(calls.map((c) => c.contract)).toEqual(['pages.subscribed_apps', null]);
  });
});

describe('the calls Meta refuses, as the service used to make them', () => {
  it('a DELETE whose token proof travels in a body: Meta does not read it', async () => {
    const old = await raw('DELETE', `${IDS.bakeryPageId}/subscribed_apps`, { token: page, proofIn: 'body' });
    expect(old.status).toBe(400);
    expect(old.body.error).toMatchObject({
      code: 100,
      message: 'API calls from the server require an appsecret_proof argument',
    });
    const now = await raw('DELETE', `${IDS.bakeryPageId}/subscribed_apps`, {
      token: page,
      proofIn: 'query',
      query: { access_token: page },
    });
    expect(now.body).toEqual({ success: true });
    const revoke = await raw('DELETE', 'me/permissions', { token: user, proofIn: 'body' });
    expect(revoke.body.error.code).toBe(100);
  });

  it('a WhatsApp send as a form body is refused; the JSON body Meta documents is sent', async () => {
    const { body: inbound } = await control(sim, 'POST', 'messages', { channel: 'whatsapp', text: 'hi' });
    const fields = { messaging_product: 'whatsapp', to: inbound.from, type: 'text' };
    const form = await graph(sim, 'POST', `${IDS.phoneNumberId}/messages`, {
      token: user,
      form: { ...fields, text: JSON.stringify({ body: 'hello' }) },
    });
    expect(form.body.error).toMatchObject({ code: 100 });
    expect(form.body.error.message).toMatch(/application\/json/);
    const json = await graph(sim, 'POST', `${IDS.phoneNumberId}/messages`, {
      token: user,
      json: { ...fields, text: { body: 'hello' } },
    });
    expect(json.body.messages[0].id).toMatch(/^wamid\./);
  });

  it('an Instagram DM to /{ig-user-id}/messages with a Page token is an unknown operation; the Page takes it', async () => {
    const { body: dm } = await control(sim, 'POST', 'messages', { channel: 'instagram', text: 'hello' });
    const send = (target: string) =>
      graph(sim, 'POST', `${target}/messages`, {
        token: page,
        form: {
          recipient: JSON.stringify({ id: dm.from }),
          messaging_type: 'RESPONSE',
          message: JSON.stringify({ text: 'Thanks!' }),
        },
      });
    expect((await send(IDS.instagramAccountId)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const viaPage = await send(IDS.bakeryPageId);
    expect(viaPage.body).toEqual({ recipient_id: dm.from, message_id: expect.any(String) });
    const state = (await control(sim, 'GET', 'state')).body;
    expect(state.messages.find((m: Json) => m.id === viaPage.body.message_id)).toMatchObject({
      channel: 'instagram',
      assetId: IDS.instagramAccountId,
      direction: 'outbound',
    });
  });

  it('a special ad category Meta retired is refused, naming its replacement', async () => {
    const res = await graph(sim, 'POST', `${IDS.adAccountId}/campaigns`, {
      token: user,
      form: {
        name: 'Loans',
        objective: 'OUTCOME_LEADS',
        special_ad_categories: '["CREDIT"]',
        special_ad_category_country: '["PT"]',
        is_adset_budget_sharing_enabled: 'false',
      },
    });
    expect(res.body.error).toMatchObject({
      code: 100,
      error_user_title: 'Value no longer supported',
      error_user_msg: 'CREDIT was retired; use FINANCIAL_PRODUCTS_SERVICES instead.',
    });
  });

  describe('ad sets (Marketing API v23 and later)', () => {
    let campaignId: string;
    beforeEach(async () => {
      campaignId = (
        await graph(sim, 'POST', `${IDS.adAccountId}/campaigns`, {
          token: user,
          form: {
            name: 'C',
            objective: 'OUTCOME_LEADS',
            special_ad_categories: '[]',
            is_adset_budget_sharing_enabled: 'false',
          },
        })
      ).body.id;
    });
    // the ad set the service used to send: a custom age range, no flags
    const adset = (targeting: Record<string, unknown>, extra: Record<string, string> = {}) =>
      graph(sim, 'POST', `${IDS.adAccountId}/adsets`, {
        token: user,
        form: {
          name: 'S',
          campaign_id: campaignId,
          daily_budget: '4500',
          billing_event: 'IMPRESSIONS',
          optimization_goal: 'LEAD_GENERATION',
          targeting: JSON.stringify({ geo_locations: { countries: ['US'] }, ...targeting }),
          promoted_object: JSON.stringify({ page_id: IDS.bakeryPageId }),
          ...extra,
        },
      });
    const flag = { targeting_automation: { advantage_audience: 0 } };

    it('a custom age range without the Advantage+ audience flag: 1870227', async () => {
      expect(
        (await adset({ age_min: 25, age_max: 55 }, { destination_type: 'ON_AD' })).body.error,
      ).toMatchObject({
        code: 100,
        error_subcode: 1870227,
        error_user_title: 'Advantage Audience Flag Required',
      });
      expect(
        (await adset({ age_min: 25, age_max: 55, ...flag }, { destination_type: 'ON_AD' })).body.id,
      ).toEqual(expect.any(String));
    });

    it('without the flag Meta turns Advantage+ audience on by itself', async () => {
      const id = (await adset({}, { destination_type: 'ON_AD' })).body.id;
      const state = (await control(sim, 'GET', 'state')).body;
      expect(state.adSets.find((a: Json) => a.id === id).advantageAudience).toBe(1);
    });

    it('a lead ad set without destination_type', async () => {
      expect((await adset(flag)).body.error).toMatchObject({
        code: 100,
        error_user_title: 'Conversion location required',
      });
    });

    it('an ad set reaching the EU without its beneficiary', async () => {
      const eu = { geo_locations: { countries: ['PT', 'US'] }, ...flag };
      expect((await adset(eu, { destination_type: 'ON_AD' })).body.error).toMatchObject({
        code: 100,
        error_user_title: 'Beneficiary and payer required',
      });
      const named = await adset(eu, {
        destination_type: 'ON_AD',
        dsa_beneficiary: 'Demo Bakery Lda',
        dsa_payor: 'Demo Bakery Lda',
      });
      expect(named.body.id).toEqual(expect.any(String));
    });

    it('holds a lead ad set to the low-frequency floor of minimum_budgets', async () => {
      expect(
        (await adset(flag, { destination_type: 'ON_AD', daily_budget: '3999' })).body.error,
      ).toMatchObject({
        error_subcode: 1885272,
      });
    });
  });

  it("a Page subscription is the app's: a POST sets its fields, it does not add to them", async () => {
    const path = `${IDS.bakeryPageId}/subscribed_apps`;
    await graph(sim, 'POST', path, { token: page, form: { subscribed_fields: 'leadgen,feed' } });
    await graph(sim, 'POST', path, { token: page, form: { subscribed_fields: 'leadgen' } });
    const list = await graph(sim, 'GET', path, { token: page });
    expect(list.body.data[0].subscribed_fields).toEqual(['leadgen']);
  });

  it('a webhook field Meta does not know is refused (message_edit for message_edits)', async () => {
    const res = await graph(sim, 'POST', `${IDS.bakeryPageId}/subscribed_apps`, {
      token: page,
      form: { subscribed_fields: 'messages,message_edit' },
    });
    expect(res.body.error.message).toMatch(/subscribed_fields\[1\] must be one of/);
  });

  it('lead forms are listed only to a Page token with pages_manage_ads and pages_read_engagement', async () => {
    const leadsOnly = (
      await connectUser(sim, { scope: 'pages_show_list,leads_retrieval,pages_manage_metadata' })
    ).longToken;
    const token = await pageToken(sim, leadsOnly, IDS.bakeryPageId);
    const res = await graph(sim, 'GET', `${IDS.bakeryPageId}/leadgen_forms`, { token });
    expect(res.body.error).toMatchObject({ code: 200 });
    expect((await graph(sim, 'GET', `${IDS.bakeryPageId}/leadgen_forms`, { token: page })).body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: IDS.bakeryLeadFormId })]),
    );
  });
});
