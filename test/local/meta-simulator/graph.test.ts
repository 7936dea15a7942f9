import {
  DEFAULT_WORLD_IDS as IDS,
  startMetaSimulator,
  type MetaSimulator,
} from '../../../local/meta-simulator';
import {
  APP_ID,
  APP_SECRET,
  connectUser,
  control,
  graph,
  pageToken,
  type Json,
  useSimulator,
} from './sim-test-helpers';

let sim: MetaSimulator;
let userToken: string;

useSimulator(7, (started) => (sim = started));
beforeEach(async () => {
  userToken = (await connectUser(sim)).longToken;
  await control(sim, 'DELETE', 'calls');
});

describe('appsecret_proof', () => {
  it('is required for user tokens and recorded on every call', async () => {
    const missing = await graph(sim, 'GET', 'me', { token: userToken, proof: 'none' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 100, type: 'GraphMethodException' });
    const wrong = await graph(sim, 'GET', 'me', { token: userToken, proof: 'wrong' });
    expect(wrong.body.error).toMatchObject({
      code: 100,
      message: 'Invalid appsecret_proof provided in the API argument',
    });
    const right = await graph(sim, 'GET', 'me', { token: userToken });
    expect(right.status).toBe(200);
    // the literal app token needs no proof
    const app = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: userToken, access_token: `${APP_ID}|${APP_SECRET}` },
    });
    expect(app.status).toBe(200);

    const { body } = await control(sim, 'GET', 'calls');
    expect(body.calls.map((c: Json) => [c.method, c.path, c.appsecretProofValid, c.status])).toEqual([
      ['GET', '/me', false, 400],
      ['GET', '/me', false, 400],
      ['GET', '/me', true, 200],
      ['GET', '/debug_token', null, 200],
    ]);
    expect(body.calls[3].query).toEqual({ input_token: '<redacted>', access_token: '<redacted>' });
  });

  it('can be switched off, but a wrong proof is still refused', async () => {
    const lax = await startMetaSimulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      requireAppSecretProof: false,
    });
    try {
      const { longToken } = await connectUser(lax);
      expect((await graph(lax, 'GET', 'me', { token: longToken, proof: 'none' })).status).toBe(200);
      expect((await graph(lax, 'GET', 'me', { token: longToken, proof: 'wrong' })).status).toBe(400);
    } finally {
      await lax.close();
    }
  });
});

describe('Graph conventions', () => {
  it('accepts paths with and without version, token as query param or Bearer', async () => {
    const proof = (await import('../../../local/meta-simulator')).appSecretProof(userToken, APP_SECRET);
    const bare = await fetch(`${sim.url}/me?access_token=${userToken}&appsecret_proof=${proof}`);
    expect(bare.status).toBe(200);
    const v23 = await fetch(`${sim.url}/v23.0/me?appsecret_proof=${proof}`, {
      headers: { authorization: `OAuth ${userToken}` },
    });
    expect(await v23.json()).toMatchObject({ id: IDS.userId });
  });

  it('sends X-App-Usage on every answer and X-Business-Use-Case-Usage on Page-token calls', async () => {
    const first = await graph(sim, 'GET', 'me', { token: userToken });
    const usage1 = JSON.parse(first.headers.get('x-app-usage') as string);
    expect(usage1).toEqual({
      call_count: expect.any(Number),
      total_cputime: expect.any(Number),
      total_time: expect.any(Number),
    });
    expect(first.headers.get('x-business-use-case-usage')).toBeNull();
    await control(sim, 'POST', 'usage', { appCallBudget: 10 });
    const later = await graph(sim, 'GET', 'me', { token: 'EAAunknown' });
    expect(later.status).toBe(400);
    expect(JSON.parse(later.headers.get('x-app-usage') as string).call_count).toBeGreaterThan(
      usage1.call_count,
    );

    const pt = await pageToken(sim, userToken, IDS.bakeryPageId);
    const pageCall = await graph(sim, 'GET', IDS.bakeryPageId, { token: pt });
    const buc = JSON.parse(pageCall.headers.get('x-business-use-case-usage') as string);
    expect(buc[IDS.bakeryPageId][0]).toMatchObject({
      type: 'pages',
      estimated_time_to_regain_access: 0,
      call_count: expect.any(Number),
    });
  });

  it('paginates with cursors and a full next URL', async () => {
    const page1 = await graph(sim, 'GET', 'me/accounts', {
      token: userToken,
      query: { fields: 'id,name', limit: '1' },
    });
    expect(page1.body.data).toEqual([{ id: IDS.bakeryPageId, name: 'Demo Bakery' }]);
    expect(page1.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    const next = new URL(page1.body.paging.next);
    expect(next.origin).toBe(sim.url);
    expect(next.pathname).toBe('/v26.0/me/accounts');
    expect(next.searchParams.get('after')).toBe(page1.body.paging.cursors.after);

    // the next URL carries our own query (fields, proof); the token rides in the header
    const page2: Json = await (
      await fetch(next, { headers: { authorization: `Bearer ${userToken}` } })
    ).json();
    expect(page2.data).toEqual([{ id: IDS.bikesPageId, name: 'Demo Bikes' }]);
    expect(page2.paging.next).toBeUndefined();
    expect(page2.paging.previous).toContain('before=');
  });

  it('answers an unknown field with (#100) and an unknown object with subcode 33', async () => {
    const field = await graph(sim, 'GET', 'me', {
      token: userToken,
      query: { fields: 'id,favourite_colour' },
    });
    expect(field.body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (favourite_colour) on node type (User)',
    });
    const obj = await graph(sim, 'GET', '999999999999999', { token: userToken });
    expect(obj.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });

  it('expands nested fields', async () => {
    const res = await graph(sim, 'GET', IDS.bakeryLeadFormId, {
      token: userToken,
      query: { fields: 'id,name,status,page{id},questions{key,type}' },
    });
    expect(res.body).toMatchObject({
      id: IDS.bakeryLeadFormId,
      status: 'ACTIVE',
      page: { id: IDS.bakeryPageId },
    });
    expect(res.body.questions.map((q: Json) => q.key)).toEqual([
      'full_name',
      'email',
      'phone_number',
      'preferred_pickup_day',
    ]);
    // Meta keeps the id of nested objects
    expect(Object.keys(res.body.questions[0]).sort()).toEqual(['id', 'key', 'type']);
  });
});

describe('faults', () => {
  it('replaces answers with Meta errors a given number of times, with headers', async () => {
    const buc = JSON.stringify({
      [IDS.bakeryPageId]: [
        {
          type: 'pages',
          call_count: 100,
          total_cputime: 20,
          total_time: 30,
          estimated_time_to_regain_access: 7,
        },
      ],
    });
    const add = await control(sim, 'POST', 'faults', {
      pathPattern: '^/me/accounts$',
      method: 'GET',
      status: 400,
      code: 32,
      message: 'Page request limit reached',
      times: 2,
      headers: { 'X-Business-Use-Case-Usage': buc },
    });
    expect(add.status).toBe(200);
    expect(add.body.id).toEqual(expect.any(String));

    for (let i = 0; i < 2; i++) {
      const res = await graph(sim, 'GET', 'me/accounts', { token: userToken });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          message: 'Page request limit reached',
          type: 'OAuthException',
          code: 32,
          is_transient: true,
          fbtrace_id: expect.any(String),
        },
      });
      expect(res.headers.get('x-business-use-case-usage')).toBe(buc);
    }
    expect((await graph(sim, 'GET', 'me/accounts', { token: userToken })).status).toBe(200);
    // other paths were never affected
    const calls = (await control(sim, 'GET', 'calls')).body.calls;
    expect(calls.filter((c: Json) => c.faultId).length).toBe(2);
  });

  it('defaults to HTTP 500 for code 2, can answer 429, and is cleared by DELETE', async () => {
    await control(sim, 'POST', 'faults', { pathPattern: '^/me$', code: 2 });
    const five = await graph(sim, 'GET', 'me', { token: userToken });
    expect(five.status).toBe(500);
    expect(five.body.error).toMatchObject({ code: 2, is_transient: true });
    await control(sim, 'DELETE', 'faults');
    await control(sim, 'POST', 'faults', {
      pathPattern: 'debug_token',
      status: 429,
      code: 4,
      subcode: 1234,
      times: 1,
    });
    const limited = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: userToken, access_token: `${APP_ID}|${APP_SECRET}` },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 4, error_subcode: 1234 });
    await control(sim, 'DELETE', 'faults');
    expect((await graph(sim, 'GET', 'me', { token: userToken })).status).toBe(200);
  });

  it('fires by rate, and usage budgets can be enforced as throttling', async () => {
    await control(sim, 'POST', 'faults', { pathPattern: '^/me$', code: 1, rate: 0 });
    expect((await graph(sim, 'GET', 'me', { token: userToken })).status).toBe(200);
    await control(sim, 'DELETE', 'faults');
    await control(sim, 'POST', 'faults', { pathPattern: '^/me$', code: 17, rate: 1, times: 1 });
    expect((await graph(sim, 'GET', 'me', { token: userToken })).body.error.code).toBe(17);
    expect((await control(sim, 'GET', 'faults')).body.faults).toEqual([]);

    await control(sim, 'POST', 'usage', { appCallBudget: 1, enforce: true });
    const throttled = await graph(sim, 'GET', 'me', { token: userToken });
    expect(throttled.body.error).toMatchObject({ code: 4, is_transient: true });
    expect(JSON.parse(throttled.headers.get('x-app-usage') as string).call_count).toBe(100);
  });

  it('rejects a bad fault with a reason', async () => {
    const bad = await control(sim, 'POST', 'faults', { pathPattern: '(', code: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.reason).toContain('pathPattern');
    const noCode = await control(sim, 'POST', 'faults', { pathPattern: 'x' });
    expect(noCode.status).toBe(400);
  });

  it('timeout-after-success performs the write and never answers', async () => {
    const pt = await pageToken(sim, userToken, IDS.bikesPageId);
    await control(sim, 'POST', 'faults', {
      pathPattern: '/subscribed_apps$',
      method: 'POST',
      effect: 'timeout-after-success',
      delayMs: 100,
      times: 1,
    });
    await expect(
      graph(sim, 'POST', `${IDS.bikesPageId}/subscribed_apps`, {
        token: pt,
        form: { subscribed_fields: 'leadgen' },
      }),
    ).rejects.toThrow();
    const read = await graph(sim, 'GET', `${IDS.bikesPageId}/subscribed_apps`, { token: pt });
    expect(read.body.data[0]).toMatchObject({ id: APP_ID, subscribed_fields: ['leadgen'] });
    const calls = (await control(sim, 'GET', 'calls')).body.calls;
    expect(calls.find((c: Json) => c.method === 'POST')).toMatchObject({ status: 200, answered: false });
  });
});

describe('subscribed_apps', () => {
  it('subscribes, lists, unsubscribes, and Meta can drop it silently', async () => {
    const pt = await pageToken(sim, userToken, IDS.bakeryPageId);
    const path = `${IDS.bakeryPageId}/subscribed_apps`;
    expect((await graph(sim, 'GET', path, { token: pt })).body).toEqual({ data: [] });

    const post = await graph(sim, 'POST', path, {
      token: pt,
      form: { subscribed_fields: 'leadgen,feed,messages' },
    });
    expect(post.body).toEqual({ success: true });
    const list = await graph(sim, 'GET', path, { token: pt });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: APP_ID,
        name: expect.any(String),
        subscribed_fields: ['leadgen', 'feed', 'messages'],
      }),
    ]);
    const state = (await control(sim, 'GET', 'state')).body;
    expect(state.pages.find((p: Json) => p.id === IDS.bakeryPageId).subscribedApps).toEqual([
      { id: APP_ID, subscribedFields: ['leadgen', 'feed', 'messages'] },
    ]);

    expect((await graph(sim, 'DELETE', path, { token: pt })).body).toEqual({ success: true });
    expect((await graph(sim, 'GET', path, { token: pt })).body).toEqual({ data: [] });

    await graph(sim, 'POST', path, { token: pt, form: { subscribed_fields: 'leadgen' } });
    expect((await control(sim, 'POST', `pages/${IDS.bakeryPageId}/drop-subscription`)).body).toEqual({
      dropped: true,
    });
    expect((await graph(sim, 'GET', path, { token: pt })).body).toEqual({ data: [] });
  });

  it('needs a Page token of that Page', async () => {
    const path = `${IDS.bakeryPageId}/subscribed_apps`;
    const withUser = await graph(sim, 'POST', path, {
      token: userToken,
      form: { subscribed_fields: 'leadgen' },
    });
    expect(withUser.body.error.code).toBe(210);
    const other = await pageToken(sim, userToken, IDS.bikesPageId);
    const wrongPage = await graph(sim, 'POST', path, {
      token: other,
      form: { subscribed_fields: 'leadgen' },
    });
    expect(wrongPage.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('assets', () => {
  it('walks businesses, ad accounts, WhatsApp numbers and the Instagram account', async () => {
    const businesses = await graph(sim, 'GET', 'me/businesses', {
      token: userToken,
      query: { fields: 'id,name' },
    });
    expect(businesses.body.data).toEqual([{ id: IDS.businessId, name: 'Demo Business' }]);
    const owned = await graph(sim, 'GET', `${IDS.businessId}/owned_pages`, {
      token: userToken,
      query: { fields: 'id,name,category,instagram_business_account' },
    });
    expect(owned.body.data.map((p: Json) => p.id)).toEqual([IDS.bakeryPageId, IDS.bikesPageId]);
    expect((await graph(sim, 'GET', `${IDS.businessId}/client_pages`, { token: userToken })).body).toEqual({
      data: [],
    });

    const adAccounts = await graph(sim, 'GET', 'me/adaccounts', {
      token: userToken,
      query: { fields: 'id,account_id,name,account_status,currency' },
    });
    expect(adAccounts.body.data).toEqual([
      {
        id: IDS.adAccountId,
        account_id: IDS.adAccountNumber,
        name: expect.any(String),
        account_status: 1,
        currency: 'EUR',
      },
    ]);
    const ownedAds = await graph(sim, 'GET', `${IDS.businessId}/owned_ad_accounts`, {
      token: userToken,
      query: { fields: 'id' },
    });
    expect(ownedAds.body.data).toEqual([{ id: IDS.adAccountId }]);

    const wabas = await graph(sim, 'GET', `${IDS.businessId}/owned_whatsapp_business_accounts`, {
      token: userToken,
      query: { fields: 'id,name' },
    });
    expect(wabas.body.data).toEqual([{ id: IDS.wabaId, name: expect.any(String) }]);
    const numbers = await graph(sim, 'GET', `${IDS.wabaId}/phone_numbers`, {
      token: userToken,
      query: { fields: 'id,display_phone_number,verified_name' },
    });
    expect(numbers.body.data).toEqual([
      {
        id: IDS.phoneNumberId,
        display_phone_number: expect.stringMatching(/^\+/),
        verified_name: 'Demo Business',
      },
    ]);

    const pt = await pageToken(sim, userToken, IDS.bakeryPageId);
    const ig = await graph(sim, 'GET', IDS.instagramAccountId, {
      token: pt,
      query: { fields: 'id,username,name' },
    });
    expect(ig.body).toEqual({ id: IDS.instagramAccountId, username: 'demobakery', name: 'Demo Bakery' });
    const forms = await graph(sim, 'GET', `${IDS.bakeryPageId}/leadgen_forms`, {
      token: pt,
      query: { fields: 'id,name,status,locale' },
    });
    expect(forms.body.data).toEqual([
      { id: IDS.bakeryLeadFormId, name: expect.any(String), status: 'ACTIVE', locale: 'en_US' },
    ]);
  });

  it("keeps a second user away from Dana's assets", async () => {
    const sam = (await connectUser(sim, { userId: IDS.secondUserId })).longToken;
    expect((await graph(sim, 'GET', 'me/accounts', { token: sam })).body).toEqual({ data: [] });
    expect((await graph(sim, 'GET', 'me/businesses', { token: sam })).body).toEqual({ data: [] });
    const page = await graph(sim, 'GET', IDS.bakeryPageId, {
      token: sam,
      query: { fields: 'id,access_token' },
    });
    expect(page.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const biz = await graph(sim, 'GET', `${IDS.businessId}/owned_pages`, { token: sam });
    expect(biz.body.error).toMatchObject({ error_subcode: 33 });
  });
});
