/**
 * tenantRoutes: the caller is checked before the request, the request before the use case, and the use
 * case's result is the JSON answer with the route's status.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { DomainError } from '../../lambdas/platform/core/errors';
import { tenantRoutes } from '../../lambdas/platform/handlers/tenant-route';

const route = tenantRoutes('custom:tenant');
const SCHEMAS = {
  params: z.object({ id: z.string().regex(/^t\d+$/) }),
  query: z.object({ limit: z.coerce.number() }),
};

function event(opts: {
  claims?: Record<string, string>;
  id?: string;
  limit?: string;
}): APIGatewayProxyEventV2 {
  return {
    routeKey: 'GET /things/{id}',
    rawPath: `/things/${opts.id ?? 't1'}`,
    headers: {},
    pathParameters: { id: opts.id ?? 't1' },
    queryStringParameters: { limit: opts.limit ?? '5' },
    requestContext: {
      authorizer: { jwt: { claims: opts.claims ?? { 'custom:tenant': 'acme', sub: 'u1' } } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

it('hands the use case the caller and the parsed request, and answers its result as JSON', async () => {
  const run = jest.fn(async (who: { tenantId: string; actor: string }, req: { params: { id: string } }) => ({
    who,
    id: req.params.id,
  }));
  const res = await route(SCHEMAS, run, 202)(event({}));
  expect(res.statusCode).toBe(202);
  expect(res.headers).toMatchObject({ 'content-type': 'application/json' });
  expect(JSON.parse(res.body!)).toEqual({ who: { tenantId: 'acme', actor: 'user:u1' }, id: 't1' });
  expect(run.mock.calls[0]![1]).toMatchObject({ query: { limit: 5 } });
});

it('answers 200 unless the route says otherwise', async () => {
  expect((await route(SCHEMAS, async () => ({ ok: true }))(event({}))).statusCode).toBe(200);
});

it('refuses a caller without the tenant claim before reading the request, and runs nothing', async () => {
  const run = jest.fn(async () => 'never');
  const err = await route(SCHEMAS, run)(event({ claims: { sub: 'u1' }, id: 'bad id' })).catch((e) => e);
  expect(err).toBeInstanceOf(DomainError);
  expect(err).toMatchObject({ kind: 'unauthorized', reason: 'tenant_claim_missing' });
  expect(run).not.toHaveBeenCalled();
});

it('refuses a request its schemas refuse, and runs nothing', async () => {
  const run = jest.fn(async () => 'never');
  const err = await route(SCHEMAS, run)(event({ id: 'bad id' })).catch((e) => e);
  expect(err).toMatchObject({ kind: 'validation' });
  expect(run).not.toHaveBeenCalled();
});
