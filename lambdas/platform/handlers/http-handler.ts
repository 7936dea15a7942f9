/**
 * One middy handler per function, dispatching on `event.routeKey` (the same in API Gateway and the local
 * runtime). Domain errors become problem+json; anything unexpected is a 500 whose details stay in the log.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError } from '../core/errors';
import { graphProblem } from '../core/graph/graph-problem';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Clock } from '../core/ports';
import { IDEMPOTENCY_KEY_HEADER, idempotent, type IdempotencyGate } from './idempotency';
import { problem } from './problem';
import { observed, type Telemetry } from './telemetry';

/** What every HTTP function has; `httpIdempotency` where its creates honour `Idempotency-Key`. */
export interface HttpHandlerDeps {
  logger: Logger;
  clock: Clock;
  telemetry: Telemetry;
  httpIdempotency?: IdempotencyGate;
}

export type RouteHandler<D extends HttpHandlerDeps = HttpHandlerDeps> = (
  event: APIGatewayProxyEventV2,
  deps: D,
) => Promise<APIGatewayProxyStructuredResultV2>;

export type HttpLambda = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function httpHandler<D extends HttpHandlerDeps>(deps: D, routes: Record<string, RouteHandler<D>>) {
  const base = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = routes[event.routeKey];
    if (!route)
      return problem({ status: 404, detail: `No route ${event.routeKey}`, reason: 'route_not_found' });
    try {
      const gate = deps.httpIdempotency;
      const idempotency = gate?.routes.get(event.routeKey);
      const key = event.headers?.[IDEMPOTENCY_KEY_HEADER];
      if (gate && idempotency && key !== undefined)
        return await idempotent({ ...deps, gate }, event, key, idempotency, () => route(event, deps));
      return await route(event, deps);
    } catch (err) {
      return errorResponse(err, deps, event);
    }
  };
  return observed(middy(base), deps) as unknown as HttpLambda;
}

export function errorResponse(
  err: unknown,
  deps: { logger: Logger },
  event: Pick<APIGatewayProxyEventV2, 'routeKey'>,
): APIGatewayProxyStructuredResultV2 {
  const fromMeta = graphProblem(err);
  if (fromMeta) return errorResponse(fromMeta, deps, event);
  if (err instanceof DomainError) {
    if (err.status >= 500)
      deps.logger.warn('request failed', { routeKey: event.routeKey, reason: err.reason });
    return problem({
      status: err.status,
      detail: err.message,
      reason: err.reason,
      errors: err.issues,
      headers: err.kind === 'rate_limited' ? { 'retry-after': '60' } : undefined,
    });
  }
  // only the error's name and stack: messages of foreign errors may quote request data
  deps.logger.error('unhandled error', {
    routeKey: event.routeKey,
    errorName: err instanceof Error ? err.name : typeof err,
    stack: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined,
  });
  return problem({ status: 500, detail: 'Something went wrong on our side', reason: 'internal_error' });
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
