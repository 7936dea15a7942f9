/**
 * Every HTTP route, the function that serves it and whether it needs the tenant JWT. The CDK stack makes
 * the API Gateway routes from this table, the local runtime routes requests with it, and the OpenAPI
 * document is generated from it together with the zod schemas of each operation. Each module declares its
 * own functions and routes (module.ts); the entries here are those not yet moved into a module.
 *
 * Paths use API Gateway's `{param}` syntax; `event.routeKey` is `"<METHOD> <path>"` in both runtimes.
 */
import {
  API_PREFIX,
  type HttpFunctionSpec,
  type IdempotentCreate,
  type RouteSpec as RouteSpecOf,
} from '../platform/contracts/routes';
import { fromModules, mergedFromModules, MODULES, type ModuleFunctionName } from './modules';

export {
  API_PREFIX,
  routeKey,
  type HttpFunctionSpec,
  type HttpMethod,
  type IdempotentCreate,
} from '../platform/contracts/routes';

const NOT_YET_IN_A_MODULE = {
  public: { entry: 'lambdas/app/handlers/public.ts', description: 'Health and the OpenAPI document' },
} as const satisfies Record<string, HttpFunctionSpec>;

export const HTTP_FUNCTIONS: Readonly<
  Record<keyof typeof NOT_YET_IN_A_MODULE | ModuleFunctionName, HttpFunctionSpec>
> = {
  ...NOT_YET_IN_A_MODULE,
  ...(Object.assign({}, ...MODULES.map((m) => m.http?.functions ?? {})) as Record<
    ModuleFunctionName,
    HttpFunctionSpec
  >),
};

export type HttpFunctionName = keyof typeof HTTP_FUNCTIONS;

export type RouteSpec = RouteSpecOf<HttpFunctionName>;

const ROUTES_NOT_YET_IN_A_MODULE: RouteSpec[] = [
  { method: 'GET', path: '/health', fn: 'public', auth: 'none', operationId: 'health', summary: 'Readiness' },
  {
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    fn: 'public',
    auth: 'none',
    operationId: 'openapi',
    summary: 'This API as OpenAPI 3.1',
  },
];

export const ROUTES: RouteSpec[] = [...ROUTES_NOT_YET_IN_A_MODULE, ...fromModules((m) => m.http?.routes)];

/**
 * The POSTs that create something. Each honours an `Idempotency-Key` header (http-handler.ts): a retry
 * within 24 hours gets the first answer. `sealAnswer`: the answer carries message text, so the stored
 * copy is sealed with the tenant's data key like every stored text (only the inbox function holds it).
 */
export const IDEMPOTENT_CREATES: Readonly<Record<string, IdempotentCreate>> = {
  ...mergedFromModules((m) => m.http?.idempotentCreates),
};
