import { DEFAULT_WORLD_IDS, startMetaSimulator, type MetaSimulator } from '../../../local/meta-simulator';
import {
  ALL_SCOPES,
  APP_ID,
  APP_SECRET,
  REDIRECT_URI,
  connectUser,
  consent,
  control,
  exchangeCode,
  graph,
  longLived,
  type Json,
} from './sim-test-helpers';

let sim: MetaSimulator;
const appToken = `${APP_ID}|${APP_SECRET}`;

beforeAll(async () => {
  sim = await startMetaSimulator({ appId: APP_ID, appSecret: APP_SECRET, seed: 42 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe('login dialog', () => {
  it('shows the requested scopes and a form posting to /_sim/consent', async () => {
    const q = new URLSearchParams({
      client_id: APP_ID,
      redirect_uri: REDIRECT_URI,
      state: 'abc',
      scope: 'pages_show_list,leads_retrieval',
      response_type: 'code',
    });
    const res = await fetch(`${sim.url}/v26.0/dialog/oauth?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('pages_show_list');
    expect(html).toContain('leads_retrieval');
    expect(html).toContain('action="/_sim/consent"');
    expect(html).toContain(`name="redirect_uri" value="${REDIRECT_URI}"`);
    expect(html).toContain(DEFAULT_WORLD_IDS.userId);
    expect(html).toContain('Sam Second');
  });

  it('answers a wrong client_id with an HTML error page', async () => {
    const res = await fetch(
      `${sim.url}/v26.0/dialog/oauth?client_id=1&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Invalid App ID');
  });
});

describe('the full OAuth dance', () => {
  it('consent → code → short-lived → long-lived → debug_token → me/accounts', async () => {
    const allow = await consent(sim, { state: 'csrf-1' });
    expect(allow.status).toBe(302);
    expect(allow.location.origin + allow.location.pathname).toBe(REDIRECT_URI);
    expect(allow.location.searchParams.get('state')).toBe('csrf-1');
    const code = allow.location.searchParams.get('code') as string;
    expect(code.length).toBeGreaterThan(20);

    const short = await exchangeCode(sim, code);
    expect(short.status).toBe(200);
    expect(short.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5400,
    });

    const long = await longLived(sim, short.body.access_token);
    expect(long.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    const userToken = long.body.access_token as string;

    const debug = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: userToken, access_token: appToken },
    });
    expect(debug.status).toBe(200);
    expect(debug.body.data).toMatchObject({
      app_id: APP_ID,
      type: 'USER',
      is_valid: true,
      user_id: DEFAULT_WORLD_IDS.userId,
      scopes: ALL_SCOPES,
    });
    expect(debug.body.data.expires_at - debug.body.data.issued_at).toBe(5183944);
    expect(debug.body.data.granular_scopes).toContainEqual({
      scope: 'pages_show_list',
      target_ids: [DEFAULT_WORLD_IDS.bakeryPageId, DEFAULT_WORLD_IDS.bikesPageId],
    });

    const me = await graph(sim, 'GET', 'me', { token: userToken, query: { fields: 'id,name' } });
    expect(me.body).toEqual({ id: DEFAULT_WORLD_IDS.userId, name: 'Dana Demo' });

    const accounts = await graph(sim, 'GET', 'me/accounts', {
      token: userToken,
      query: { fields: 'id,name,access_token,category,tasks,instagram_business_account' },
    });
    expect(accounts.status).toBe(200);
    expect(accounts.body.data).toHaveLength(2);
    const bakery = accounts.body.data.find((p: Json) => p.id === DEFAULT_WORLD_IDS.bakeryPageId);
    expect(bakery).toMatchObject({
      name: 'Demo Bakery',
      category: 'Bakery',
      instagram_business_account: { id: DEFAULT_WORLD_IDS.instagramAccountId },
      tasks: expect.arrayContaining(['MANAGE', 'ADVERTISE']),
    });
    const bikes = accounts.body.data.find((p: Json) => p.id === DEFAULT_WORLD_IDS.bikesPageId);
    expect(bikes.instagram_business_account).toBeUndefined();

    // a Page token from a long-lived user token never expires
    const pageDebug = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: bakery.access_token, access_token: appToken },
    });
    expect(pageDebug.body.data).toMatchObject({
      type: 'PAGE',
      is_valid: true,
      expires_at: 0,
      profile_id: DEFAULT_WORLD_IDS.bakeryPageId,
    });

    // from the short-lived token it lives an hour
    const shortAccounts = await graph(sim, 'GET', 'me/accounts', {
      token: short.body.access_token,
      query: { fields: 'id,access_token' },
    });
    const shortPageToken = shortAccounts.body.data[0].access_token;
    const shortDebug = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: shortPageToken, access_token: appToken },
    });
    expect(shortDebug.body.data.expires_at - shortDebug.body.data.issued_at).toBe(3600);
  });

  it('also hands out app tokens with client_credentials', async () => {
    const res = await graph(sim, 'POST', 'oauth/access_token', {
      form: { grant_type: 'client_credentials', client_id: APP_ID, client_secret: APP_SECRET },
    });
    expect(res.body).toEqual({
      access_token: expect.stringMatching(new RegExp(`^${APP_ID}\\|`)),
      token_type: 'bearer',
    });
    const debug = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: res.body.access_token, access_token: res.body.access_token },
    });
    expect(debug.body.data).toMatchObject({ type: 'APP', is_valid: true, app_id: APP_ID });
  });
});

describe('denial and partial grants', () => {
  it('redirects a denial like Facebook does', async () => {
    const deny = await consent(sim, { decision: 'deny', state: 'xyz' });
    expect(deny.status).toBe(302);
    const p = deny.location.searchParams;
    expect(p.get('error')).toBe('access_denied');
    expect(p.get('error_reason')).toBe('user_denied');
    expect(p.get('error_description')).toBe('Permissions error');
    expect(p.get('state')).toBe('xyz');
    expect(p.get('code')).toBeNull();
    expect(deny.location.search).toContain('error_description=Permissions+error');
  });

  it('grants only the ticked scopes and reports the rest as declined', async () => {
    const { longToken } = await connectUser(sim, {
      scope: 'pages_show_list,leads_retrieval,business_management',
      grantedScopes: 'pages_show_list,business_management,not_requested_scope',
    });
    const debug = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: longToken, access_token: appToken },
    });
    expect(debug.body.data.scopes).toEqual(['pages_show_list', 'business_management']);
    const perms = await graph(sim, 'GET', 'me/permissions', { token: longToken });
    expect(perms.body.data).toEqual([
      { permission: 'pages_show_list', status: 'granted' },
      { permission: 'business_management', status: 'granted' },
      { permission: 'leads_retrieval', status: 'declined' },
    ]);
  });

  it('refuses me/accounts without pages_show_list (code 200)', async () => {
    const { longToken } = await connectUser(sim, { scope: 'business_management' });
    const res = await graph(sim, 'GET', 'me/accounts', { token: longToken });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 200,
      type: 'OAuthException',
      message: expect.stringContaining('pages_show_list'),
    });
  });

  it('limits me/accounts to the Pages picked in the dialog', async () => {
    const { longToken } = await connectUser(sim, { pageIds: DEFAULT_WORLD_IDS.bikesPageId });
    const res = await graph(sim, 'GET', 'me/accounts', { token: longToken, query: { fields: 'id' } });
    expect(res.body.data.map((p: Json) => p.id)).toEqual([DEFAULT_WORLD_IDS.bikesPageId]);
  });
});

describe('code exchange errors', () => {
  it('rejects a reused code', async () => {
    const { location } = await consent(sim, {});
    const code = location.searchParams.get('code') as string;
    expect((await exchangeCode(sim, code)).status).toBe(200);
    const again = await exchangeCode(sim, code);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      code: 100,
      error_subcode: 36009,
      type: 'OAuthException',
      message: 'This authorization code has been used.',
      fbtrace_id: expect.any(String),
      is_transient: false,
    });
  });

  it('rejects an expired code, a different redirect_uri and a wrong secret', async () => {
    const first = (await consent(sim, {})).location.searchParams.get('code') as string;
    const mismatch = await exchangeCode(sim, first, 'http://127.0.0.1:3000/other');
    expect(mismatch.body.error).toMatchObject({ code: 100, error_subcode: 36008 });

    const wrongSecret = await graph(sim, 'GET', 'oauth/access_token', {
      query: { client_id: APP_ID, client_secret: 'nope', redirect_uri: REDIRECT_URI, code: first },
    });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error).toMatchObject({
      code: 1,
      type: 'OAuthException',
      message: 'Error validating client secret.',
    });

    await control(sim, 'POST', 'clock', { advanceSeconds: 601 });
    const expired = await exchangeCode(sim, first);
    expect(expired.body.error).toMatchObject({
      code: 100,
      error_subcode: 36007,
      message: 'This authorization code has expired.',
    });

    const unknown = await exchangeCode(sim, 'AQnot-a-code');
    expect(unknown.body.error.code).toBe(100);
  });

  it('refuses to exchange an expired user token', async () => {
    const { shortToken } = await connectUser(sim, {});
    await control(sim, 'POST', 'tokens/expire', { userId: DEFAULT_WORLD_IDS.userId });
    const res = await longLived(sim, shortToken);
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });
});

describe('debug_token of dead tokens', () => {
  it('reports garbage and expired tokens as invalid with a 190 error', async () => {
    const garbage = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: 'EAAgarbage', access_token: appToken },
    });
    expect(garbage.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });

    const { longToken } = await connectUser(sim, {});
    await control(sim, 'POST', 'tokens/expire', { userId: DEFAULT_WORLD_IDS.userId });
    const expired = await graph(sim, 'GET', 'debug_token', {
      query: { input_token: longToken, access_token: appToken },
    });
    expect(expired.body.data).toMatchObject({
      is_valid: false,
      user_id: DEFAULT_WORLD_IDS.userId,
      error: { code: 190, subcode: 463 },
    });
  });

  it('DELETE me/permissions revokes the user token and the Page tokens derived from it', async () => {
    const { longToken } = await connectUser(sim, {});
    const accounts = await graph(sim, 'GET', 'me/accounts', {
      token: longToken,
      query: { fields: 'id,access_token' },
    });
    const pageTok = accounts.body.data[0].access_token;
    const del = await graph(sim, 'DELETE', 'me/permissions', { token: longToken });
    expect(del.body).toEqual({ success: true });
    const me = await graph(sim, 'GET', 'me', { token: longToken });
    expect(me.body.error).toMatchObject({ code: 190, error_subcode: 458 });
    const page = await graph(sim, 'GET', accounts.body.data[0].id, { token: pageTok });
    expect(page.body.error).toMatchObject({ code: 190, error_subcode: 458 });
  });
});
