/**
 * The HTTP edge: a Graph failure no use case turned into a problem still reaches the person as what it
 * is (a wait, a reconnect, a retry), never as our 500.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import { GraphPausedError } from '../../../lambdas/platform/core/graph/graph-outage';
import { errorResponse } from '../../../lambdas/platform/handlers/http-handler';

const deps = { logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }) };
const answer = (err: unknown) => {
  const res = errorResponse(err, deps, { routeKey: 'GET /api/v1/things' });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body as string) };
};

it('a call the app-wide pause held is a 502 graph_paused naming no Meta code', () => {
  const paused = new GraphPausedError(
    { untilMs: 5_000, sinceMs: 0, level: 0, reason: 'graph_failing', cause: 'transient_code_2' },
    5_000,
  );
  const res = answer(paused);
  expect(res.status).toBe(502);
  expect(res.body).toMatchObject({ reason: 'graph_paused' });
  expect(res.body.detail).not.toMatch(/code/);
});

it.each([
  [new MetaGraphError(400, { message: 'User request limit reached', code: 17 }), 429, 'rate_limited_code_17'],
  [
    new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 }),
    409,
    'connection_expired_token_expired',
  ],
  [new MetaGraphError(500, { message: 'An unknown error occurred', code: 1 }), 502, 'transient_code_1'],
  [new MetaNetworkError('socket hang up', false), 502, 'meta_unreachable'],
])('Meta failing with %s is answered %s %s', (err, status, reason) => {
  const res = answer(err);
  expect(res.status).toBe(status);
  expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json' });
  expect(res.body).toMatchObject({ status, reason });
});

it('anything else is still our 500, with nothing of the error in the answer', () => {
  const res = answer(new TypeError('secret value in message'));
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ reason: 'internal_error' });
  expect(JSON.stringify(res.body)).not.toContain('secret');
});
