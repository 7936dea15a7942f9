/**
 * The shape of the route table (lambdas/app/route-table.ts), which every module fills with its own
 * routes (module.ts): each route, the function that serves it and whether it needs the tenant JWT.
 *
 * Paths use API Gateway's `{param}` syntax; `event.routeKey` is `"<METHOD> <path>"` in both runtimes.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpFunctionSpec {
  /** handler module, relative to the repository root, exporting `handler` and `createHandler` */
  entry: string;
  description: string;
}

export interface RouteSpec<F extends string = string> {
  method: HttpMethod;
  path: string;
  fn: F;
  auth: 'jwt' | 'none';
  operationId: string;
  summary: string;
}

export const API_PREFIX = '/api/v1';

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/**
 * How a create that honours `Idempotency-Key` keeps its answer. `sealAnswer`: the answer carries message
 * text, so the stored copy is sealed with the tenant's data key like every stored text.
 */
export interface IdempotentCreate {
  sealAnswer: boolean;
}
