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
  insights: {
    entry: 'lambdas/handlers/http/insights.ts',
    description: 'Tenant API: stored daily insight counters',
  },
  inbox: {
    entry: 'lambdas/handlers/http/inbox.ts',
    description: 'Tenant API: unified inbox, replies and their approval, AI drafts',
  },
  performance: {
    entry: 'lambdas/handlers/http/performance.ts',
    description: 'Tenant API: synced posts and media with their figures, inbox response figures',
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
    summary: 'Sync a date range (or the last N days) of insights on request',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/insights/backfills/{id}`,
    fn: 'insights',
    auth: 'jwt',
    operationId: 'getInsightsBackfill',
    summary: 'A backfill request: queued, running or completed, and what it stored',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/insights`,
    fn: 'insights',
    auth: 'jwt',
    operationId: 'getInsights',
    summary: 'Daily counters of a Page, Instagram account or campaign (unavailable metrics say so)',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/content`,
    fn: 'performance',
    auth: 'jwt',
    operationId: 'listContent',
    summary: 'Posts and media of the selected Pages and Instagram accounts with their figures',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/content/{id}`,
    fn: 'performance',
    auth: 'jwt',
    operationId: 'getContent',
    summary: 'One post or media with the history of its figures',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/inbox/metrics`,
    fn: 'performance',
    auth: 'jwt',
    operationId: 'getInboxMetrics',
    summary: 'Daily inbox figures: conversations, messages, replies, first-response times, response rate',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/conversations`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'listConversations',
    summary: 'Conversations of every channel, newest activity first',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/conversations/{id}`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'getConversation',
    summary: 'One conversation with its latest messages and replies',
  },
  {
    method: 'PATCH',
    path: `${API_PREFIX}/conversations/{id}`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'patchConversation',
    summary: 'Assign, close, label or mark a conversation read',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/conversations/{id}/messages`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'listConversationMessages',
    summary: 'Messages of a conversation, newest first',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/conversations/{id}/replies`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'createReply',
    summary: 'Draft a reply, an AI draft, a template or a comment moderation',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/conversations/{id}/classify`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'classifyConversation',
    summary: 'Classify the conversation with the assistant (lead, support, …)',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/replies/{id}`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'getReply',
    summary: 'One reply and its outcome',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/replies/{id}/approve`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'approveReply',
    summary: 'Approve exactly this reply; it is sent once',
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/replies/{id}/reject`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'rejectReply',
    summary: 'Reject a reply',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/settings/reply-approval-rules`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'getReplyApprovalRules',
    summary: 'Rules that approve replies without a person',
  },
  {
    method: 'PUT',
    path: `${API_PREFIX}/settings/reply-approval-rules`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'putReplyApprovalRules',
    summary: 'Set the reply approval rules',
  },
  {
    method: 'GET',
    path: `${API_PREFIX}/whatsapp/templates`,
    fn: 'inbox',
    auth: 'jwt',
    operationId: 'listWhatsAppTemplates',
    summary: 'WhatsApp message templates as last synced from Meta',
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
  createReply: { sealAnswer: true },
  backfillInsights: { sealAnswer: false },
};
