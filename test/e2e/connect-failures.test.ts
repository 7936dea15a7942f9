/**
 * Every way connecting can fail ends on a clear error, stores nothing but an audit record, and Graph
 * errors on the way map to the right outcome.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { consentAtSimulator, followToApi, oauthDance, RETURN_URL, simJson } from '../support/meta-connect';
import { signState } from '../../lambdas/modules/connections/core/oauth-state';
import { scopesForFeatures } from '../../lambdas/core/scopes/scope-registry';
import { DynamoGraphPauseStore } from '../../lambdas/platform/adapters/graph/graph-pause-store';

const rt = withLocalRuntime();

async function auditOf(tenantId: string): Promise<Record<string, any>[]> {
  const out = await rt.runtime.deps.clients.dynamo.send(
    new QueryCommand({
      TableName: rt.runtime.config.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `T#${tenantId}#AUDIT` },
    }),
  );
  return out.Items ?? [];
}

async function connectionsOf(tenantId: string) {
  return (await rt.api({ token: await rt.token(tenantId) }).get('/api/v1/connections')).json.items as any[];
}

async function fault(spec: Record<string, unknown>) {
  const res = await simJson(rt, '/_sim/faults', { body: spec });
  expect(res.status).toBeLessThan(300);
}

const pauseStore = () =>
  new DynamoGraphPauseStore(rt.runtime.deps.clients.dynamo, rt.runtime.config.tableName);

afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  // each test starts with Meta healthy: a pause the last test's failures decided (code 4 pauses the whole
  // app at once) is stored for every function, and would hold the next test's connect
  await pauseStore().clear();
});

describe('connect failures', () => {
  it('a denied consent returns with access_denied and stores only an audit record', async () => {
    const dance = await oauthDance(rt, 'deny-co', { decision: 'deny' });
    expect(dance.callback.status).toBe(302);
    expect(dance.outcome?.get('status')).toBe('error');
    expect(dance.outcome?.get('reason')).toBe('access_denied');
    expect(await connectionsOf('deny-co')).toEqual([]);
    expect(await auditOf('deny-co')).toContainEqual(
      expect.objectContaining({ action: 'oauth.callback', result: 'denied', reason: 'access_denied' }),
    );
  });

  it('a partial grant connects, records what was declined and reports the features without scopes', async () => {
    const all = scopesForFeatures(['leads', 'publishing']).scopes;
    const granted = all.filter((s) => !['leads_retrieval', 'pages_manage_posts'].includes(s));
    const dance = await oauthDance(rt, 'partial-co', {
      features: ['leads', 'publishing'],
      grantedScopes: granted,
    });
    expect(dance.outcome?.get('status')).toBe('connected');
    expect(dance.outcome?.get('missingFeatures')).toBe('leads,publishing');
    const conn = (await connectionsOf('partial-co'))[0];
    expect(conn).toMatchObject({
      partialGrant: true,
      statusReason: 'partial_grant',
      declinedScopes: ['leads_retrieval', 'pages_manage_posts'],
      missingFeatures: [
        { feature: 'leads', missingScopes: ['leads_retrieval'] },
        { feature: 'publishing', missingScopes: ['pages_manage_posts'] },
      ],
    });
    expect(conn.grantedScopes).not.toContain('leads_retrieval');
  });

  it('a replayed state is refused the second time', async () => {
    const api = rt.api({ token: await rt.token('replay-co') });
    const start = await api.post('/api/v1/connections/meta', { features: ['leads'], returnUrl: RETURN_URL });
    const metaRedirect = await consentAtSimulator(rt, start.json.authUrl, {});
    const first = await followToApi(rt, metaRedirect);
    expect(new URL(first.headers.get('location')!).searchParams.get('status')).toBe('connected');
    const second = await followToApi(rt, metaRedirect);
    expect(second.status).toBe(302);
    const params = new URL(second.headers.get('location')!).searchParams;
    expect([params.get('status'), params.get('reason')]).toEqual(['error', 'state_replayed']);
  });

  it('an expired state sends the person back with state_expired; a forged one gets a problem, no redirect', async () => {
    const key = rt.runtime.metaApp.stateSigningKey;
    const old = new Date(Date.now() - 11 * 60_000);
    const { state } = await signState(
      { tenantId: 'late-co', returnUrl: RETURN_URL, features: ['leads'], actor: 'user:x', nonce: 'st_late' },
      key,
      old,
    );
    const late = await rt
      .api()
      .get(`/api/v1/meta/oauth/callback?code=abc&state=${encodeURIComponent(state)}`);
    expect(late.status).toBe(302);
    expect(new URL(late.headers.get('location')!).searchParams.get('reason')).toBe('state_expired');

    const forged = await signState(
      {
        tenantId: 'late-co',
        returnUrl: 'https://evil.example/',
        features: ['leads'],
        actor: 'user:x',
        nonce: 'st_f',
      },
      'not-our-key-not-our-key',
      new Date(),
    );
    const res = await rt
      .api()
      .get(`/api/v1/meta/oauth/callback?code=abc&state=${encodeURIComponent(forged.state)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.json).toMatchObject({ status: 400, reason: 'state_invalid' });
    expect(await connectionsOf('late-co')).toEqual([]);
  });

  it('refuses a return URL off the allow-list before anything starts', async () => {
    const api = rt.api({ token: await rt.token('evil-co') });
    const res = await api.post('/api/v1/connections/meta', {
      features: ['leads'],
      returnUrl: 'https://evil.example/steal',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ field: 'body.returnUrl', message: 'return_url_not_allowed' }]);
    expect(await auditOf('evil-co')).toContainEqual(
      expect.objectContaining({ action: 'oauth.start', result: 'denied' }),
    );
  });

  it.each([
    [190, 400, 'code_exchange_failed_token_invalid'],
    [4, 400, 'code_exchange_failed_rate_limited_code_4'],
    [17, 400, 'code_exchange_failed_rate_limited_code_17'],
    [613, 400, 'code_exchange_failed_rate_limited_code_613'],
    [2, 500, 'code_exchange_failed_transient_code_2'],
  ])(
    'Graph error %s (HTTP %s) on the code exchange ends on %s with nothing stored',
    async (code, status, reason) => {
      const tenant = `exchange-${code}`;
      await fault({ pathPattern: '^/?oauth/access_token$', status, code, times: 10 });
      const dance = await oauthDance(rt, tenant);
      expect(dance.outcome?.get('status')).toBe('error');
      expect(dance.outcome?.get('reason')).toBe(reason);
      expect(await connectionsOf(tenant)).toEqual([]);
      expect(await auditOf(tenant)).toContainEqual(
        expect.objectContaining({ action: 'oauth.callback', result: 'failure', reason }),
      );
    },
  );

  it('while the app-wide pause holds, connecting ends on graph_paused without calling Meta, naming no Meta code', async () => {
    const now = Date.now();
    await pauseStore().put({
      untilMs: now + 60_000,
      sinceMs: now,
      level: 0,
      reason: 'app_rate_limited',
      cause: 'rate_limited_code_4',
    });
    const dance = await oauthDance(rt, 'paused-co');
    expect(dance.outcome?.get('status')).toBe('error');
    expect(dance.outcome?.get('reason')).toBe('code_exchange_failed_graph_paused');
    expect(await connectionsOf('paused-co')).toEqual([]);
    expect(await auditOf('paused-co')).toContainEqual(
      expect.objectContaining({
        action: 'oauth.callback',
        result: 'failure',
        reason: 'code_exchange_failed_graph_paused',
      }),
    );
  });

  it('a Graph error while listing assets at connect time keeps the connection and says so', async () => {
    await fault({ pathPattern: '^/?me/accounts$', status: 500, code: 1, times: 10 });
    const dance = await oauthDance(rt, 'assets-later-co');
    expect(dance.outcome?.get('status')).toBe('connected');
    const conn = (await connectionsOf('assets-later-co'))[0];
    expect(conn.assetsSyncError).toBe('asset_listing_failed_transient_code_1');
    await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
    const api = rt.api({ token: await rt.token('assets-later-co') });
    const assets = await api.get(`/api/v1/connections/${conn.id}/assets`);
    expect(assets.status).toBe(200);
    expect(assets.json.pages.length).toBe(2);
  });

  it.each([
    [190, 400, 409, /^connection_expired_/],
    [4, 400, 429, /^rate_limited_code_4$/],
    [17, 400, 429, /^rate_limited_code_17$/],
    [613, 400, 429, /^rate_limited_code_613$/],
    [1, 500, 502, /^transient_code_1$/],
  ])(
    'Graph error %s on asset listing → %s from Meta → %s problem',
    async (code, metaStatus, apiStatus, reason) => {
      const tenant = `assets-${code}`;
      const dance = await oauthDance(rt, tenant);
      expect([dance.outcome?.get('status'), dance.outcome?.get('reason')]).toEqual(['connected', null]);
      const id = dance.outcome!.get('connectionId')!;
      await fault({
        pathPattern: '^/?me/accounts$',
        status: metaStatus,
        code,
        subcode: code === 190 ? 460 : undefined,
        times: 10,
      });
      const api = rt.api({ token: await rt.token(tenant) });
      const res = await api.get(`/api/v1/connections/${id}/assets?refresh=true`);
      expect(res.status).toBe(apiStatus);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.reason).toMatch(reason);
      const conn = await api.get(`/api/v1/connections/${id}`);
      expect(conn.json.status).toBe(code === 190 ? 'expired' : 'active');
      if (code === 190) {
        expect(conn.json.statusReason).toBe('password_changed');
        expect(
          rt.runtime
            .events({ detailType: 'connection.expired' })
            .map((e) => (e.envelope.detail as any).connectionId),
        ).toContain(id);
      }
    },
  );
});

describe('bad input gets a problem+json 4xx naming the field', () => {
  const cases: Array<[string, string, string, unknown, number, string | null]> = [
    [
      'POST',
      '/api/v1/connections/meta',
      'acme',
      { features: [], returnUrl: RETURN_URL },
      400,
      'body.features',
    ],
    [
      'POST',
      '/api/v1/connections/meta',
      'acme',
      { features: ['telepathy'], returnUrl: RETURN_URL },
      400,
      'body.features.0',
    ],
    ['POST', '/api/v1/connections/meta', 'acme', { features: ['leads'] }, 400, 'body.returnUrl'],
    [
      'POST',
      '/api/v1/connections/meta',
      'acme',
      { features: ['leads'], returnUrl: RETURN_URL, extra: 1 },
      400,
      'body',
    ],
    ['POST', '/api/v1/connections/meta', 'acme', '{not json', 400, 'body'],
    ['GET', '/api/v1/connections?limit=0', 'acme', undefined, 400, 'query.limit'],
    ['GET', '/api/v1/connections?limit=201', 'acme', undefined, 400, 'query.limit'],
    ['GET', '/api/v1/connections?cursor=bm90LWEtY3Vyc29y', 'acme', undefined, 400, 'query.cursor'],
    ['GET', '/api/v1/connections/not-an-id', 'acme', undefined, 400, 'params.id'],
    ['GET', '/api/v1/connections/not-an-id/assets', 'acme', undefined, 400, 'params.id'],
    [
      'GET',
      '/api/v1/connections/con_00000000000000000000000000/assets?refresh=maybe',
      'acme',
      undefined,
      400,
      'query.refresh',
    ],
    [
      'PUT',
      '/api/v1/connections/con_00000000000000000000000000/selection',
      'acme',
      { pages: 'all' },
      400,
      'body.pages',
    ],
    [
      'PUT',
      '/api/v1/connections/con_00000000000000000000000000/selection',
      'acme',
      { planets: [] },
      400,
      'body',
    ],
    ['PUT', '/api/v1/connections/con_00000000000000000000000000/selection', 'acme', { pages: [] }, 404, null],
    ['GET', '/api/v1/meta/oauth/callback', '', undefined, 400, null],
  ];

  it.each(cases)('%s %s', async (method, path, tenant, body, status, field) => {
    const token = tenant ? await rt.token(tenant) : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${rt.runtime.apiUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as any;
    expect(problem).toMatchObject({
      status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
    if (field) expect(problem.errors.map((e: any) => e.field)).toContain(field);
  });

  it('a selection of ids that are not this connection assets names each of them', async () => {
    const dance = await oauthDance(rt, 'select-co');
    const id = dance.outcome!.get('connectionId')!;
    const api = rt.api({ token: await rt.token('select-co') });
    const res = await api.put(`/api/v1/connections/${id}/selection`, {
      pages: ['999999999999999'],
      leadForms: ['1'],
    });
    expect(res.status).toBe(400);
    expect(res.json.reason).toBe('unknown_asset');
    expect(res.json.errors.map((e: any) => e.field)).toEqual(['body.pages.0', 'body.leadForms.0']);
  });

  it('the tenant API refuses a request without a valid JWT', async () => {
    const res = await rt.api().get('/api/v1/connections');
    expect(res.status).toBe(401);
    const bad = await rt.api({ token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' }).get('/api/v1/connections');
    expect(bad.status).toBe(401);
  });
});
