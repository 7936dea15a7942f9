/**
 * Graph API, Facebook Login and Business Manager: the token exchanges, `debug_token`, the person, their
 * permissions and businesses, and the assets a business owns or serves.
 */
import { contract } from './contract-types';

const LIST = {
  fields: { note: 'comma list, field expansion allowed' },
  limit: { type: 'int' },
  after: { note: 'paging cursor' },
} as const;

export const GRAPH_CONTRACTS = {
  accessToken: contract({
    id: 'graph.oauth.access_token',
    surface: 'graph',
    method: 'GET',
    path: '/oauth/access_token',
    pattern: '/oauth/access_token',
    tokens: ['none'],
    encoding: 'query',
    params: {
      client_id: { required: true },
      client_secret: { required: true },
      redirect_uri: { note: 'with `code`: exactly the one the dialog was opened with' },
      code: { note: 'the login dialog code (single use, 10 minutes)' },
      grant_type: { oneOf: ['fb_exchange_token', 'client_credentials'] },
      fb_exchange_token: { note: 'with grant_type=fb_exchange_token: the short-lived user token' },
    },
    doc: 'https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow',
    notes:
      'The long-lived exchange is https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived',
  }),
  accessTokenPost: contract({
    id: 'graph.oauth.access_token.post',
    surface: 'graph',
    method: 'POST',
    path: '/oauth/access_token',
    pattern: '/oauth/access_token',
    tokens: ['none'],
    encoding: 'form',
    params: { client_id: { required: true }, client_secret: { required: true } },
    doc: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens',
    notes: 'Not called by the service; the simulator answers it like the GET.',
  }),
  debugToken: contract({
    id: 'graph.debug_token',
    surface: 'graph',
    method: 'GET',
    path: '/debug_token',
    pattern: '/debug_token',
    tokens: ['app', 'user', 'page'],
    encoding: 'query',
    params: { input_token: { required: true, note: 'the token to inspect' } },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/debug_token',
    notes:
      'Answers `scopes` and `granular_scopes[]` (`scope`, `target_ids` when the person picked assets one by one); the service calls it with the app token.',
  }),
  user: contract({
    id: 'graph.user',
    surface: 'graph',
    method: 'GET',
    path: '/me',
    pattern: '/:id',
    node: 'User',
    tokens: ['app', 'user', 'page'],
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user',
  }),
  permissions: contract({
    id: 'graph.user.permissions',
    surface: 'graph',
    method: 'GET',
    path: '/me/permissions',
    pattern: '/:id/permissions',
    node: 'User',
    tokens: ['user'],
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user/permissions/',
  }),
  revokePermissions: contract({
    id: 'graph.user.permissions.delete',
    surface: 'graph',
    method: 'DELETE',
    path: '/me/permissions',
    pattern: '/:id/permissions',
    node: 'User',
    tokens: ['user'],
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user/permissions/#Deleting',
    notes:
      "A DELETE's parameters, `access_token` and `appsecret_proof` included, travel in the query string as Meta's own SDK sends them (facebook-python-business-sdk `api.py`: GET and DELETE params go to `params=`); a body is not read.",
  }),
  revokePermission: contract({
    id: 'graph.user.permission.delete',
    surface: 'graph',
    method: 'DELETE',
    path: '/me/permissions/{permission}',
    pattern: '/:id/permissions/:permission',
    node: 'User',
    tokens: ['user'],
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user/permissions/#Deleting',
    notes: 'Not called by the service.',
  }),
  businesses: contract({
    id: 'graph.user.businesses',
    surface: 'graph',
    method: 'GET',
    path: '/me/businesses',
    pattern: '/:id/businesses',
    node: 'User',
    tokens: ['user'],
    permissions: 'business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user/businesses/',
  }),
  business: contract({
    id: 'graph.business',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}',
    pattern: '/:id',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management',
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business',
  }),
  ownedPages: contract({
    id: 'graph.business.owned_pages',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/owned_pages',
    pattern: '/:id/owned_pages',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/owned_pages/',
  }),
  clientPages: contract({
    id: 'graph.business.client_pages',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/client_pages',
    pattern: '/:id/client_pages',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/client_pages/',
  }),
  ownedAdAccounts: contract({
    id: 'graph.business.owned_ad_accounts',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/owned_ad_accounts',
    pattern: '/:id/owned_ad_accounts',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management with ads_read or ads_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/owned_ad_accounts/',
  }),
  clientAdAccounts: contract({
    id: 'graph.business.client_ad_accounts',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/client_ad_accounts',
    pattern: '/:id/client_ad_accounts',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management with ads_read or ads_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/client_ad_accounts/',
  }),
  ownedWabas: contract({
    id: 'graph.business.owned_whatsapp_business_accounts',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/owned_whatsapp_business_accounts',
    pattern: '/:id/owned_whatsapp_business_accounts',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management, whatsapp_business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/owned_whatsapp_business_accounts/',
  }),
  clientWabas: contract({
    id: 'graph.business.client_whatsapp_business_accounts',
    surface: 'graph',
    method: 'GET',
    path: '/{business-id}/client_whatsapp_business_accounts',
    pattern: '/:id/client_whatsapp_business_accounts',
    node: 'Business',
    tokens: ['user'],
    permissions: 'business_management, whatsapp_business_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/business/client_whatsapp_business_accounts/',
    notes: 'The WhatsApp accounts other businesses shared with this one: how an agency reaches its clients.',
  }),
  batch: contract({
    id: 'graph.batch',
    surface: 'graph',
    method: 'POST',
    path: '/',
    pattern: '/',
    tokens: ['user', 'page'],
    permissions: 'those of each request',
    encoding: 'form',
    params: {
      batch: {
        required: true,
        type: 'json',
        note: 'JSON array of up to 50 requests `{method, relative_url, body?, name?}`',
      },
      include_headers: { type: 'bool', note: "`false` leaves each answer's headers out" },
    },
    rules: [
      {
        id: 'batch.requests',
        says: 'The batch is a non-empty JSON array; each request names its `method` (GET, POST or DELETE) and its `relative_url`.',
        check: (a) => {
          const b = a.json('batch');
          const ok =
            Array.isArray(b) &&
            b.length > 0 &&
            b.every(
              (r: unknown) =>
                typeof r === 'object' &&
                r !== null &&
                typeof (r as { relative_url?: unknown }).relative_url === 'string' &&
                ['GET', 'POST', 'DELETE'].includes(String((r as { method?: unknown }).method).toUpperCase()),
            );
          return ok
            ? null
            : {
                code: 100,
                message: '(#100) batch must be a JSON array of requests with method and relative_url',
              };
        },
      },
      {
        id: 'batch.at-most-50',
        says: "A batch holds at most 50 requests (the error is the simulator's reading: the reference states the limit only).",
        check: (a) => {
          const b = a.json('batch');
          return Array.isArray(b) && b.length > 50
            ? { code: 100, message: '(#100) Too many requests in batch message. Maximum batch size is 50' }
            : null;
        },
      },
    ],
    doc: 'https://developers.facebook.com/docs/graph-api/batch-requests',
    notes:
      "Each request in a batch counts as one call toward the rate limits and is answered on its own, in order: `{code, headers: [{name, value}], body}` with `body` a JSON string (Meta's error object for a refused one), or `null` for a request that did not complete within the batch's time limit (retry it). A request may carry its own `access_token` and `appsecret_proof` in its `relative_url`; the top-level token is the fallback. The simulator checks every request against its own endpoint's contract, as if sent alone.",
  }),
};
