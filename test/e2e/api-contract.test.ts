/**
 * The API as a whole: the OpenAPI document covers every route of the route table, and every route
 * answers bad input with an RFC 9457 problem (4xx), never a crash.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { ROUTES } from '../../lambdas/app/route-table';
import { OPERATIONS } from '../../lambdas/app/openapi/openapi-document';

const rt = withLocalRuntime();

it('GET /api/v1/openapi.json describes every route, with its schemas and security', async () => {
  const res = await rt.api().get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = res.json;
  expect(doc.openapi).toBe('3.1.0');
  for (const r of ROUTES) {
    const op = doc.paths[r.path]?.[r.method.toLowerCase()];
    expect(op).toBeDefined();
    expect(op.operationId).toBe(r.operationId);
    expect(op.security).toEqual(r.auth === 'jwt' ? [{ bearerAuth: [] }] : []);
    expect(op.responses.default).toEqual({ $ref: '#/components/responses/Error' });
    if (OPERATIONS[r.operationId]?.body) {
      const [media] = Object.values(op.requestBody.content) as { schema: unknown; example: unknown }[];
      expect(media?.schema).toBeDefined();
      expect(media?.example).toBeDefined();
    }
  }
  expect(doc.components.responses.Error.content['application/problem+json'].schema).toEqual({
    $ref: '#/components/schemas/Problem',
  });
  expect(doc.paths['/api/v1/connections/meta'].post.requestBody.content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/StartConnectionRequest',
  });
  const start = doc.components.schemas.StartConnectionRequest;
  expect(start.required).toEqual(expect.arrayContaining(['features', 'returnUrl']));
  expect((await rt.api().get('/health')).json).toEqual({ status: 'ok' });
});

/** A path with every `{param}` filled by something no schema accepts. */
const badPath = (path: string) => path.replace(/\{[^}]+\}/g, '..%20not-an-id');

describe('every route answers bad input with a problem', () => {
  const cases = ROUTES.filter((r) => r.path !== '/health' && !r.path.endsWith('/openapi.json'));
  it.each(cases.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, r) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (r.auth === 'jwt') headers.authorization = `Bearer ${await rt.token('contract-co')}`;
    const hasParams = r.path.includes('{');
    const url = `${rt.runtime.apiUrl}${hasParams ? badPath(r.path) : r.path}?limit=-1&unexpected=%00`;
    const res = await fetch(url, {
      method: r.method,
      headers,
      body: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{"not":"valid"',
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem: any = await res.json();
    expect(problem).toMatchObject({
      status: res.status,
      type: expect.any(String),
      title: expect.any(String),
      detail: expect.any(String),
    });
  });
});
