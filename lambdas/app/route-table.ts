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
  'oauth-callback': {
    entry: 'lambdas/handlers/http/oauth-callback.ts',
    description: 'Meta OAuth redirect: code → tokens → connection',
  },
  connections: {
    entry: 'lambdas/handlers/http/connections.ts',
    description: 'Tenant API: connect, list, assets, selection',
  },
  settings: {
    entry: 'lambdas/handlers/http/settings.ts',
    description: 'Tenant API: settings (post approval rules)',
  },
  'meta-callbacks': {
    entry: 'lambdas/handlers/http/meta-callbacks.ts',
    description: 'Meta privacy callbacks: deauthorize, data deletion and its status page',
  },
  privacy: {
    entry: 'lambdas/handlers/http/privacy.ts',
    description: 'Tenant API: audit log, retention settings and exports',
  },
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
  {
    method: 'GET',
    path: `${API_PREFIX}/meta/oauth/callback`,
    fn: 'oauth-callback',
    auth: 'none',
    operationId: 'metaOAuthCallback',
    summary: 'Meta redirects here after the login dialog',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/connections/meta`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'startMetaConnection',
    summary: 'Start connecting a Meta account: returns the authorization URL',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/connections`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'listConnections',
    summary: 'List Meta connections',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/connections/{id}`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'getConnection',
    summary: 'One Meta connection',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/connections/{id}/assets`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'listConnectionAssets',
    summary: 'Businesses, Pages, Instagram accounts, ad accounts, lead forms and WhatsApp numbers',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/connections/{id}/selection`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'putConnectionSelection',
    summary: 'Select the assets the service may act on; subscribes selected Pages to webhooks',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/meta/deauthorize`,
    fn: 'meta-callbacks',
    auth: 'none',
    operationId: 'metaDeauthorize',
    summary: 'Meta: a person removed the app (signed_request)',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/meta/data-deletion`,
    fn: 'meta-callbacks',
    auth: 'none',
    operationId: 'metaDataDeletion',
    summary: 'Meta: a person asked for their data to be deleted (signed_request)',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/meta/data-deletion/{code}`,
    fn: 'meta-callbacks',
    auth: 'none',
    operationId: 'metaDataDeletionStatus',
    summary: 'Public status of a data deletion request (JSON, or HTML for browsers)',
  },
  {
    method: 'DELETE',
    path: `${API_PREFIX}/connections/{id}`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'deleteConnection',
    summary: 'Disconnect: revoke at Meta, purge tokens now and the data by the deletion worker',
  },
  {
    method: 'DELETE',
    path: `${API_PREFIX}/connections/{id}/assets/{assetId}`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'revokeConnectionAsset',
    summary: 'Revoke one asset: stop acting on it at once (its Page token too) and purge its data',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/audit`,
    fn: 'privacy',
    auth: 'jwt',
    operationId: 'listAudit',
    summary: 'Audit log, newest first',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/exports`,
    fn: 'privacy',
    auth: 'jwt',
    operationId: 'postExport',
    summary: "Export the tenant's Meta-derived data as JSON Lines",
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/exports/{id}`,
    fn: 'privacy',
    auth: 'jwt',
    operationId: 'getExport',
    summary: 'Status of an export and a time-limited download link',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/retention`,
    fn: 'privacy',
    auth: 'jwt',
    operationId: 'getRetention',
    summary: 'Retention settings',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/retention`,
    fn: 'privacy',
    auth: 'jwt',
    operationId: 'putRetention',
    summary: 'Change retention settings (applies to items stored afterwards; audited)',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/approval-rules`,
    fn: 'settings',
    auth: 'jwt',
    operationId: 'getApprovalRules',
    summary: 'Rules that approve posts without a person',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/approval-rules`,
    fn: 'settings',
    auth: 'jwt',
    operationId: 'putApprovalRules',
    summary: 'Set the approval rules',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/permissions`,
    fn: 'connections',
    auth: 'jwt',
    operationId: 'listPermissions',
    summary:
      'Every Meta permission the service may request: the features that need it and what it is used for',
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
  startMetaConnection: { sealAnswer: false },
  postExport: { sealAnswer: false },
};
