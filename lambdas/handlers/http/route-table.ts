/**
 * Every HTTP route, the function that serves it and whether it needs the tenant JWT. The CDK stack makes
 * the API Gateway routes from this table, the local runtime routes requests with it, and the OpenAPI
 * document is generated from it together with the zod schemas of each operation.
 *
 * Paths use API Gateway's `{param}` syntax; `event.routeKey` is `"<METHOD> <path>"` in both runtimes.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpFunctionSpec {
  /** handler module, relative to the repository root, exporting `handler` and `createHandler` */
  entry: string;
  description: string;
}

export const HTTP_FUNCTIONS = {
  public: { entry: 'lambdas/handlers/http/public.ts', description: 'Health and the OpenAPI document' },
  'meta-webhook': {
    entry: 'lambdas/handlers/http/meta-webhook.ts',
    description: 'Meta webhooks: handshake, signature check, split and hand-off to the bus',
  },
  'oauth-callback': {
    entry: 'lambdas/handlers/http/oauth-callback.ts',
    description: 'Meta OAuth redirect: code → tokens → connection',
  },
  connections: {
    entry: 'lambdas/handlers/http/connections.ts',
    description: 'Tenant API: connect, list, assets, selection',
  },
  leads: {
    entry: 'lambdas/handlers/http/leads.ts',
    description: 'Tenant API: leads, field mapping, backfill',
  },
  settings: {
    entry: 'lambdas/handlers/http/settings.ts',
    description: 'Tenant API: settings',
  },
  'meta-callbacks': {
    entry: 'lambdas/handlers/http/meta-callbacks.ts',
    description: 'Meta privacy callbacks: deauthorize, data deletion and its status page',
  },
  privacy: {
    entry: 'lambdas/handlers/http/privacy.ts',
    description: 'Tenant API: audit log and retention settings',
  },
  posts: {
    entry: 'lambdas/handlers/http/posts.ts',
    description: 'Tenant API: publishing calendar, approvals, approval rules',
  },
  campaigns: {
    entry: 'lambdas/handlers/http/campaigns.ts',
    description: 'Tenant API: ad campaigns, approvals, launch and pause, spend caps',
  },
  insights: {
    entry: 'lambdas/handlers/http/insights.ts',
    description: 'Tenant API: stored daily insight counters',
  },
} as const satisfies Record<string, HttpFunctionSpec>;

export type HttpFunctionName = keyof typeof HTTP_FUNCTIONS;

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  fn: HttpFunctionName;
  auth: 'jwt' | 'none';
  operationId: string;
  summary: string;
}

export const API_PREFIX = '/api/v1';

export const ROUTES: RouteSpec[] = [
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
    path: `${API_PREFIX}/meta/webhook`,
    fn: 'meta-webhook',
    auth: 'none',
    operationId: 'metaWebhookHandshake',
    summary: 'Meta webhook verification handshake',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/meta/webhook`,
    fn: 'meta-webhook',
    auth: 'none',
    operationId: 'metaWebhookDelivery',
    summary: 'Signed Meta webhook delivery',
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
    method: 'GET',
    path: `${API_PREFIX}/leads`,
    fn: 'leads',
    auth: 'jwt',
    operationId: 'listLeads',
    summary: 'Leads, newest first',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/leads/{id}`,
    fn: 'leads',
    auth: 'jwt',
    operationId: 'getLead',
    summary: 'One lead',
  },
  {
    method: 'PATCH',
    path: `${API_PREFIX}/leads/{id}`,
    fn: 'leads',
    auth: 'jwt',
    operationId: 'patchLead',
    summary: 'Change a lead status',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/lead-forms/{formId}/mapping`,
    fn: 'leads',
    auth: 'jwt',
    operationId: 'putLeadFormMapping',
    summary: 'Map a form question key to a CRM field',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/lead-forms/{formId}/backfill`,
    fn: 'leads',
    auth: 'jwt',
    operationId: 'backfillLeadForm',
    summary: 'Fetch the form leads since a time and store the missing ones',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/lead-status-mapping`,
    fn: 'settings',
    auth: 'jwt',
    operationId: 'getLeadStatusMapping',
    summary: 'CRM status → Meta lead stage mapping',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/lead-status-mapping`,
    fn: 'settings',
    auth: 'jwt',
    operationId: 'putLeadStatusMapping',
    summary: 'Map CRM statuses to Meta lead stages (Conversions API for CRM)',
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
    method: 'POST',
    path: `${API_PREFIX}/posts`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'createPost',
    summary: 'Draft a post for Pages and Instagram accounts',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/posts`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'listPosts',
    summary: 'The calendar',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/posts/{id}`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'getPost',
    summary: "One post with each target's outcome",
  },
  {
    method: 'PATCH',
    path: `${API_PREFIX}/posts/{id}`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'patchPost',
    summary: 'Edit a post (an approved post goes back to draft)',
  },
  {
    method: 'DELETE',
    path: `${API_PREFIX}/posts/{id}`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'deletePost',
    summary: 'Delete a post that is not published',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/posts/{id}/approve`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'approvePost',
    summary: 'Approve exactly this content',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/posts/{id}/reject`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'rejectPost',
    summary: 'Reject a post',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/approval-rules`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'getApprovalRules',
    summary: 'Rules that approve posts without a person',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/approval-rules`,
    fn: 'posts',
    auth: 'jwt',
    operationId: 'putApprovalRules',
    summary: 'Set the approval rules',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'createCampaign',
    summary: 'Draft a campaign (campaign, ad set, creative, ad)',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/campaigns`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'listCampaigns',
    summary: 'Campaigns',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/campaigns/{id}`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'getCampaign',
    summary: 'One campaign with its Meta ids',
  },
  {
    method: 'PATCH',
    path: `${API_PREFIX}/campaigns/{id}`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'patchCampaign',
    summary: 'Edit a draft (an approved draft goes back to draft)',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns/{id}/approve`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'approveCampaign',
    summary: 'Approve exactly this campaign and budget; it is created at Meta, paused',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns/{id}/reject`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'rejectCampaign',
    summary: 'Reject a draft',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns/{id}/launch`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'launchCampaign',
    summary: 'Start spending: set the campaign, ad set and ad ACTIVE',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns/{id}/pause`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'pauseCampaign',
    summary: 'Stop spending: set them PAUSED',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/campaigns/{id}/resume`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'resumeCampaign',
    summary: 'Resume a paused campaign',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/spend-caps`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'getSpendCaps',
    summary: 'Spend caps that approve campaigns without a person',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/spend-caps`,
    fn: 'campaigns',
    auth: 'jwt',
    operationId: 'putSpendCaps',
    summary: 'Set daily and lifetime spend caps per ad account',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/insights/recommendations`,
    fn: 'insights',
    auth: 'jwt',
    operationId: 'getRecommendations',
    summary: 'Recommendations from stored counters, with the figures behind each',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/insights/backfill`,
    fn: 'insights',
    auth: 'jwt',
    operationId: 'backfillInsights',
    summary: 'Sync the last N days of insights on request',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/insights`,
    fn: 'insights',
    auth: 'jwt',
    operationId: 'getInsights',
    summary: 'Daily counters of a Page, Instagram account or campaign (unavailable metrics say so)',
  },
];

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>): string => `${r.method} ${r.path}`;
