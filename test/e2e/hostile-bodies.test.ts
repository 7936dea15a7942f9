/**
 * Bodies built to hurt: sizes past what a stored item holds, URLs into private networks, impossible
 * dates, ranges Meta does not serve, a form the tenant never selected. Each is a 4xx problem naming the
 * field (and the guard's reason), never a 500.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { rawRequest } from '../support/raw-http';
import { connectAdsTenant, draftBody } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { ItemTooLargeError } from '../../lambdas/platform/adapters/table/item-size';
import { errorResponse } from '../../lambdas/platform/handlers/http-handler';
import { ROUTES } from '../../lambdas/app/route-table';
import { OPERATIONS } from '../../lambdas/app/openapi/openapi-document';

const rt = withLocalRuntime();
const TENANT = 'hostile-co';
let api: ReturnType<typeof rt.api>;

beforeAll(async () => {
  await connectAdsTenant(rt, TENANT, ['ads', 'leads', 'publishing']);
  api = rt.api({ token: await rt.token(TENANT) });
});

/** the problem is a 400 whose errors name `field` (with `reason` when given) */
function expectFieldProblem(res: { status: number; json: any }, field: string, reason?: string) {
  expect(res.status).toBe(400);
  expect(res.json.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field, ...(reason ? { reason } : {}) })]),
  );
}

const longKeys = (n: number, prefix: string) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}_${'k'.repeat(90)}`, 'crm.field']));
const page = { type: 'facebook_page', id: W.bakeryPageId };

describe('bodies that validated but could not be stored', () => {
  it('a form mapping of 3,000 long keys is 400 naming body.fields', async () => {
    const res = await api.put(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`, {
      fields: longKeys(3000, 'q'),
    });
    expectFieldProblem(res, 'body.fields');
  });

  it('approval rules and reply approval rules past their caps are 400 naming the list', async () => {
    const rule = (i: number) => ({
      id: `r-${i}`,
      actors: Array.from({ length: 100 }, (_, j) => `user:${'a'.repeat(180)}${j}`),
    });
    const rules = Array.from({ length: 50 }, (_, i) => rule(i));
    expectFieldProblem(await api.put('/api/v1/settings/approval-rules', { rules }), 'body.rules.0.actors');
    expectFieldProblem(
      await api.put('/api/v1/settings/reply-approval-rules', { rules }),
      'body.rules.0.actors',
    );
  });

  it('a 500 KB post link, media URL or campaign link is 400 naming the field', async () => {
    const huge = `https://example.com/${'a'.repeat(500_000)}`;
    expectFieldProblem(
      await api.post('/api/v1/posts', { message: 'hi', link: huge, targets: [page] }),
      'body.link',
      undefined,
    );
    expectFieldProblem(
      await api.post('/api/v1/posts', { media: [{ type: 'image', url: huge }], targets: [page] }),
      'body.media.0.url',
    );
    const draft = draftBody('Huge link', { objective: 'OUTCOME_TRAFFIC', leadFormId: undefined });
    expectFieldProblem(
      await api.post('/api/v1/campaigns', { ...draft, creative: { pageId: W.bakeryPageId, link: huge } }),
      'body.creative.link',
    );
  });

  it('a lead status mapping of 3,000 statuses is 400 naming body.stages', async () => {
    const stages = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`s${i}`, 'x'.repeat(100)]));
    expectFieldProblem(
      await api.put('/api/v1/settings/lead-status-mapping', { datasetId: '123456789', stages }),
      'body.stages',
    );
  });

  it('a CRM status named "constructor" is 400 saying why, not a 500 from the store (found by the route fuzzer)', async () => {
    const res = await api.put('/api/v1/settings/lead-status-mapping', {
      datasetId: '9414508',
      stages: { constructor: 'Lead' },
    });
    expectFieldProblem(res, 'body.stages.constructor');
    expect(res.json.errors[0].message).toBe('this key is not accepted: a reserved name');
  });

  it('a write that still exceeds the item limit is a typed error answered 413, never 500', async () => {
    const write = rt.runtime.deps.clients.dynamo.send(
      new PutCommand({
        TableName: rt.runtime.config.tableName,
        Item: { pk: `TENANT#${TENANT}`, sk: 'HUGE', blob: 'x'.repeat(420_000) },
      }),
    );
    const err = await write.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ItemTooLargeError);
    const res = errorResponse(err, { logger: rt.runtime.deps.logger }, { routeKey: 'PUT /x' });
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body as string)).toMatchObject({ status: 413, reason: 'item_too_large' });
  });
});

describe('one URL guard for everything that carries a URL', () => {
  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'ip_link_local'],
    ['https://127.0.0.1/a.jpg', 'ip_loopback'],
    ['https://localhost/a.jpg', 'host_localhost'],
    ['https://[::1]/a.jpg', 'ip_loopback'],
    ['https://10.0.0.7/a.jpg', 'ip_private'],
    ['https://192.168.1.20/a.jpg', 'ip_private'],
    ['https://0x7f000001/a.jpg', 'ip_literal_obfuscated'],
    ['https://2130706433/a.jpg', 'ip_literal_obfuscated'],
    ['https://127.1/a.jpg', 'ip_literal_obfuscated'],
    ['https://user:pw@cdn.example.com/a.jpg', 'userinfo_not_allowed'],
    ['http://cdn.example.com/a.jpg', 'scheme_not_https'],
  ])('post media %s is refused: %s', async (url, reason) => {
    const res = await api.post('/api/v1/posts', { media: [{ type: 'image', url }], targets: [page] });
    expectFieldProblem(res, 'body.media.0.url', reason);
  });

  it.each([
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['data:text/html,hi', 'scheme_not_allowed'],
    ['https://100.64.0.1/', 'ip_cgnat'],
    ['https://[fd00::1]/', 'ip_unique_local'],
  ])('post and campaign links %s are refused: %s', async (url, reason) => {
    expectFieldProblem(await api.post('/api/v1/posts', { link: url, targets: [page] }), 'body.link', reason);
    const draft = draftBody('Bad link', { objective: 'OUTCOME_TRAFFIC', leadFormId: undefined });
    const res = await api.post('/api/v1/campaigns', {
      ...draft,
      creative: { pageId: W.bakeryPageId, link: url, imageUrl: url },
    });
    expectFieldProblem(res, 'body.creative.link', reason);
    expectFieldProblem(res, 'body.creative.imageUrl');
  });

  it('an edit cannot bring a refused URL back', async () => {
    const created = await api.post('/api/v1/posts', {
      link: 'https://shop.example.com/bread',
      targets: [page],
    });
    expect(created.status).toBe(201);
    const res = await api.patch(`/api/v1/posts/${created.json.id}`, { link: 'http://192.168.0.1/' });
    expectFieldProblem(res, 'body.link', 'ip_private');
  });
});

describe('dates', () => {
  it('impossible calendar dates are refused everywhere', async () => {
    expectFieldProblem(await api.post('/api/v1/insights/backfill', { since: '2026-02-30' }), 'body.since');
    const q = await api.get(
      `/api/v1/insights?assetId=${W.bakeryPageId}&metric=page_views_total&since=2026-02-30&until=2026-03-02`,
    );
    expectFieldProblem(q, 'query.since');
    expectFieldProblem(
      await api.post(`/api/v1/lead-forms/${W.bakeryLeadFormId}/backfill`, { since: '2026-02-30T00:00:00Z' }),
      'body.since',
    );
  });

  it('a reversed lead range is 400, not a store error (found by the route fuzzer)', async () => {
    const res = await api.get('/api/v1/leads?since=2026-12-04T00:00:00Z&until=2025-11-07T00:00:00Z');
    expectFieldProblem(res, 'query.since');
  });

  it('ranges Meta does not serve are refused with the reason', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expectFieldProblem(await api.post('/api/v1/insights/backfill', { since: tomorrow }), 'body.since');
    const old = await api.post(`/api/v1/lead-forms/${W.bakeryLeadFormId}/backfill`, {
      since: new Date(Date.now() - 91 * 86_400_000).toISOString(),
    });
    expect(old.status).toBe(400);
    expect(old.json.reason).toBe('since_before_retrieval_window');
    const far = await api.post('/api/v1/posts', {
      message: 'Next season',
      targets: [page],
      scheduledAt: new Date(Date.now() + 31 * 86_400_000).toISOString(),
    });
    expectFieldProblem(far, 'body.scheduledAt');
    const within = await api.post('/api/v1/posts', {
      message: 'Next month',
      targets: [page],
      scheduledAt: new Date(Date.now() + 29 * 86_400_000).toISOString(),
    });
    expect(within.status).toBe(201);
  });
});

describe('lead form mapping', () => {
  it('a form the tenant has not selected is 404, as backfill answers, and nothing is stored', async () => {
    const stranger = rt.api({ token: await rt.token('stranger-co') });
    const res = await stranger.put(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`, {
      fields: { full_name: 'contact.name' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await stranger.get('/api/v1/audit?action=lead-form.mapping')).json.items).toEqual([]);
    // the tenant that selected the form still maps it
    const mine = await api.put(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`, {
      fields: { full_name: 'contact.name' },
    });
    expect(mine.status).toBe(200);
  });
});

describe('routes that take no body', () => {
  const bodiless = ROUTES.filter((r) => r.auth === 'jwt' && !OPERATIONS[r.operationId]?.body);

  it.each(bodiless.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses a body instead of ignoring it',
    async (_name, r) => {
      const path = r.path.replace(/\{[^}]+\}/g, 'x');
      // fetch refuses a GET with a body; node:http sends what a client may send
      const res = await rawRequest(`${rt.runtime.apiUrl}${path}`, r.method, '{"all":true}', {
        authorization: `Bearer ${await rt.token(TENANT)}`,
        'content-type': 'application/json',
      });
      expect(res.status).toBe(400);
      expect(res.contentType).toBe('application/problem+json');
      const problem: any = JSON.parse(res.body);
      expect(problem.errors).toContainEqual({ field: 'body', message: 'this route takes no body' });
    },
  );

  it('an empty body or {} is no body', async () => {
    expect((await api.post('/api/v1/exports')).status).toBe(202);
    expect((await api.post('/api/v1/exports', {})).status).toBe(202);
  });
});
