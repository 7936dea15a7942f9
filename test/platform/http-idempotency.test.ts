/**
 * moduleIdempotencyGate: a module API's `Idempotency-Key` gate covers exactly the creates its declaration
 * lists, keeps their answers in the function's table under the tenant claim, and seals them only when the
 * module gives a sealer.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoIdempotencyStore } from '../../lambdas/platform/adapters/table/idempotency-store';
import type { RouteSpec } from '../../lambdas/platform/contracts/routes';
import { moduleIdempotencyGate } from '../../lambdas/platform/wiring/http-idempotency';

const route = (method: RouteSpec['method'], path: string, operationId: string): RouteSpec => ({
  method,
  path,
  fn: 'things',
  auth: 'jwt',
  operationId,
  summary: operationId,
});
const MODULE = {
  http: {
    routes: [route('POST', '/api/v1/things', 'createThing'), route('GET', '/api/v1/things', 'listThings')],
    idempotentCreates: { createThing: { sealAnswer: true } },
  },
};
/** what the gate reads of a function's runtime: its table and its tenant claim */
const runtime = (tenantClaim: string) =>
  ({
    config: { tableName: 't1', tenantClaim },
    clients: { dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })) },
  }) as unknown as Parameters<typeof moduleIdempotencyGate>[1];

it('covers the creates the module lists, under its tenant claim, in its table', () => {
  const gate = moduleIdempotencyGate(MODULE, runtime('custom:tenant'));
  expect([...gate.routes]).toEqual([['POST /api/v1/things', { sealAnswer: true }]]);
  expect(gate.tenantClaim).toBe('custom:tenant');
  expect(gate.store).toBeInstanceOf(DynamoIdempotencyStore);
  expect(gate).not.toHaveProperty('sealer');
});

it('seals stored answers only with the sealer the module gives', () => {
  const sealer = { encrypt: async () => 'x', decrypt: async () => 'y' };
  expect(moduleIdempotencyGate(MODULE, runtime('tenant'), sealer).sealer).toBe(sealer);
});

it('a module without HTTP routes, or without creates, gates nothing', () => {
  expect(moduleIdempotencyGate({}, runtime('tenant')).routes.size).toBe(0);
  expect(moduleIdempotencyGate({ http: { routes: MODULE.http.routes } }, runtime('tenant')).routes.size).toBe(
    0,
  );
});
