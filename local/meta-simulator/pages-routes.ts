/**
 * Facebook Pages: the Page node (with `access_token` and `instagram_business_account`) and the Page's
 * webhook subscription edge `subscribed_apps` (https://developers.facebook.com/docs/graph-api/webhooks/getting-started).
 */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import { pageTokenFor } from './token-issuer';
import type { SimPage } from './world';
import { PAGE_CONTRACTS } from './contracts';

export const PAGE_SPEC: NodeSpec<SimPage> = {
  type: 'Page',
  defaultFields: ['name', 'id'],
  fields: {
    id: (p) => p.id,
    name: (p) => p.name,
    category: (p) => p.category,
    category_list: (p) => [{ id: categoryId(p.category), name: p.category }],
    about: (p) => `${p.name}, a demo Page of the Meta simulator.`,
    link: (p) => `https://www.facebook.com/${p.id}`,
    username: () => undefined,
    is_published: () => true,
    fan_count: () => 1200,
    followers_count: () => 1350,
    verification_status: () => 'not_verified',
    leadgen_tos_accepted: () => true,
    business: (p, ctx) => {
      const b = p.businessId ? ctx.world.businesses.get(p.businessId) : undefined;
      return b ? { id: b.id, name: b.name } : undefined;
    },
    instagram_business_account: (p) => (p.igAccountId ? { id: p.igAccountId } : undefined),
    connected_instagram_account: (p) => (p.igAccountId ? { id: p.igAccountId } : undefined),
    tasks: (p, ctx) => {
      const userId = ctx.auth?.record?.userId;
      return p.roles.find((r) => r.userId === userId)?.tasks;
    },
    access_token: (p, ctx) => {
      const auth = ctx.auth;
      if (!auth?.record) return undefined;
      if (auth.type === 'PAGE') return auth.record.pageId === p.id ? auth.value : undefined;
      if (auth.type !== 'USER' || !canReachPage(ctx.world, auth, p.id)) return undefined;
      return pageTokenFor(ctx.world, ctx.now, auth.record, p.id).value;
    },
  },
};

/** what `me/accounts`, `owned_pages` and `client_pages` return without `fields` */
export const PAGE_LIST_DEFAULT_FIELDS = ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'];

function categoryId(category: string): string {
  let h = 0;
  for (const c of category) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return String(2200 + h);
}

const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');

function pageFor(ctx: GraphContext): SimPage {
  const page = ctx.world.pages.get(ctx.params.id ?? '');
  if (!page) throw GraphErrors.unsupported(ctx.method, ctx.params.id ?? '');
  return page;
}

function getPage(ctx: GraphContext): unknown {
  const page = pageFor(ctx);
  // public Page fields are readable with an app token; everything else needs a role on the Page
  if (ctx.auth?.type !== 'APP' && !canReachPage(ctx.world, ctx.auth, page.id))
    throw GraphErrors.unsupported(ctx.method, page.id);
  return renderNode(PAGE_SPEC, page, ctx);
}

function reachablePageForPageToken(ctx: GraphContext): SimPage {
  const page = pageFor(ctx);
  if (!canReachPage(ctx.world, ctx.auth, page.id)) throw GraphErrors.unsupported(ctx.method, page.id);
  return page;
}

function subscribe(ctx: GraphContext): unknown {
  const page = reachablePageForPageToken(ctx);
  requireScope(ctx.auth, 'pages_manage_metadata');
  const fields = ctx.args.list('subscribed_fields');
  if (!fields || fields.length === 0) {
    throw GraphErrors.invalidParameter('(#100) The parameter subscribed_fields is required');
  }
  // the app's field list for this Page is what the POST says (the stricter reading: Meta's reference does
  // not promise to merge), so a client must always send every field any of its users needs
  page.subscribedApps.set(ctx.core.appId, [...new Set(fields)]);
  return { success: true };
}

function listSubscriptions(ctx: GraphContext): unknown {
  const page = reachablePageForPageToken(ctx);
  const data = [...page.subscribedApps.entries()].map(([appId, fields]) => ({
    category: 'Business',
    link: `https://www.facebook.com/games/?app_id=${appId}`,
    name: appId === ctx.core.appId ? ctx.core.appName : `App ${appId}`,
    id: appId,
    subscribed_fields: [...fields],
  }));
  return { data };
}

function unsubscribe(ctx: GraphContext): unknown {
  const page = reachablePageForPageToken(ctx);
  requireScope(ctx.auth, 'pages_manage_metadata');
  page.subscribedApps.delete(ctx.core.appId);
  return { success: true };
}

export function registerPageRoutes(r: GraphRouteRegistry): void {
  r.on(PAGE_CONTRACTS.page, getPage, isPage);
  r.on(PAGE_CONTRACTS.subscribe, subscribe, isPage);
  r.on(PAGE_CONTRACTS.subscriptions, listSubscriptions, isPage);
  r.on(PAGE_CONTRACTS.unsubscribe, unsubscribe, isPage);
}
