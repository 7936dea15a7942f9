/**
 * A module's tenant API function: its routes (each made with {@link tenantRoutes}, bound to the
 * function's tenant claim) behind the module's `Idempotency-Key` gate, which covers the creates its
 * declaration lists. Every module's API handler is this composition; it says only its routes.
 */
import type { AnswerSealer } from '../handlers/idempotency';
import {
  httpHandler,
  type HttpHandlerDeps,
  type HttpLambda,
  type RouteHandler,
} from '../handlers/http-handler';
import { tenantRoutes } from '../handlers/tenant-route';
import { moduleIdempotencyGate } from './http-idempotency';
import type { Runtime, TableConfig, TenantApiConfig } from './runtime';

type ApiRuntime = Runtime<TableConfig & TenantApiConfig, 'dynamo'> & HttpHandlerDeps;

export function tenantApi<R extends ApiRuntime>(
  rt: R,
  module: Parameters<typeof moduleIdempotencyGate>[0],
  routes: (route: ReturnType<typeof tenantRoutes>) => Record<string, RouteHandler<R>>,
  /** for a module whose stored answers carry personal text (the inbox's replies) */
  sealer?: AnswerSealer,
): HttpLambda {
  return httpHandler(
    { ...rt, httpIdempotency: moduleIdempotencyGate(module, rt, sealer) },
    routes(tenantRoutes(rt.config.tenantClaim)),
  );
}
