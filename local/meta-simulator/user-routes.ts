/**
 * The person behind a user token: the user node, permissions (list and revoke), and the edges that list
 * what they manage — Pages with Page tokens, businesses, ad accounts.
 */
import { AD_ACCOUNT_SPEC } from './ads-routes';
import { BUSINESS_SPEC } from './business-routes';
import { GraphErrors } from './graph-errors';
import { type NodeSpec, parseFields, renderNode } from './fields';
import { paginate } from './pagination';
import { PAGE_LIST_DEFAULT_FIELDS, PAGE_SPEC } from './pages-routes';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { pagesVisibleTo, requireScope } from './token-auth';
import { invalidateUserTokens } from './token-issuer';
import type { SimUser, TokenRecord } from './world';
import { GRAPH_CONTRACTS, MARKETING_CONTRACTS, PAGE_CONTRACTS } from './contracts';

export const USER_SPEC: NodeSpec<SimUser> = {
  type: 'User',
  defaultFields: ['name', 'id'],
  fields: {
    id: (u) => u.id,
    name: (u) => u.name,
    first_name: (u) => u.name.split(' ')[0],
    last_name: (u) => u.name.split(' ').slice(1).join(' ') || undefined,
    short_name: (u) => u.name.split(' ')[0],
    email: (u, ctx) =>
      ctx.auth?.record?.scopes.includes('email')
        ? `${u.name.toLowerCase().replace(/\s+/g, '.')}@example.com`
        : undefined,
  },
};

const isUser = (p: Record<string, string>, w: GraphContext['world']) => w.users.has(p.id ?? '');

/** user edges are readable only by that user's own token */
function selfToken(ctx: GraphContext): TokenRecord {
  const id = ctx.params.id ?? '';
  const record = ctx.auth?.record;
  if (!record || ctx.auth?.type !== 'USER' || record.userId !== id)
    throw GraphErrors.unsupported(ctx.method, id);
  return record;
}

function getUser(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const user = ctx.world.users.get(id);
  // an app token may read a person's public profile; otherwise only the person themself
  if (!user || (ctx.auth?.type !== 'APP' && ctx.auth?.record?.userId !== id))
    throw GraphErrors.unsupported(ctx.method, id);
  return renderNode(USER_SPEC, user, ctx);
}

function listPermissions(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  const data = [
    ...record.scopes.map((permission) => ({ permission, status: 'granted' })),
    ...record.declined.map((permission) => ({ permission, status: 'declined' })),
  ];
  return { data };
}

function revokeAll(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  invalidateUserTokens(ctx.world, record.userId as string, {
    subcode: 458,
    message: GraphErrors.appNotAuthorizedMessage(ctx.core.appId),
  });
  return { success: true };
}

function revokeOne(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  const permission = ctx.params.permission ?? '';
  for (const t of ctx.world.tokensOfUser(record.userId as string)) {
    if (!t.scopes.includes(permission)) continue;
    t.scopes = t.scopes.filter((s) => s !== permission);
    if (!t.declined.includes(permission)) t.declined.push(permission);
  }
  return { success: true };
}

function listAccounts(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  requireScope(ctx.auth, 'pages_show_list');
  const selection =
    parseFields(ctx.args.str('fields')) ?? PAGE_LIST_DEFAULT_FIELDS.map((name) => ({ name, sub: null }));
  return paginate(ctx, pagesVisibleTo(ctx.world, record), (p) => renderNode(PAGE_SPEC, p, ctx, selection));
}

function listBusinesses(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  requireScope(ctx.auth, 'business_management');
  return paginate(ctx, ctx.world.businessesOfUser(record.userId as string), (b) =>
    renderNode(BUSINESS_SPEC, b, ctx),
  );
}

function listAdAccounts(ctx: GraphContext): unknown {
  const record = selfToken(ctx);
  requireScope(ctx.auth, 'ads_read', 'ads_management');
  return paginate(ctx, ctx.world.adAccountsOfUser(record.userId as string), (a) =>
    renderNode(AD_ACCOUNT_SPEC, a, ctx),
  );
}

export function registerUserRoutes(r: GraphRouteRegistry): void {
  r.on(GRAPH_CONTRACTS.user, getUser, isUser);
  r.on(GRAPH_CONTRACTS.permissions, listPermissions, isUser);
  r.on(GRAPH_CONTRACTS.revokePermissions, revokeAll, isUser);
  r.on(GRAPH_CONTRACTS.revokePermission, revokeOne, isUser);
  r.on(PAGE_CONTRACTS.accounts, listAccounts, isUser);
  r.on(GRAPH_CONTRACTS.businesses, listBusinesses, isUser);
  r.on(MARKETING_CONTRACTS.adAccounts, listAdAccounts, isUser);
}
