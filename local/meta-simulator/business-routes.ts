/**
 * Business Manager traversal: the business node and its owned/client Pages, ad accounts and WhatsApp
 * Business Accounts, and a WABA's phone numbers. All need `business_management`
 * and a user who is a person in the business.
 */
import { AD_ACCOUNT_SPEC } from './ads-routes';
import { GraphErrors } from './graph-errors';
import { type NodeSpec, parseFields, renderNode } from './fields';
import { paginate } from './pagination';
import { PAGE_LIST_DEFAULT_FIELDS, PAGE_SPEC } from './pages-routes';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import type { SimBusiness, SimPage, SimPhoneNumber, SimWaba } from './world';
import { GRAPH_CONTRACTS, WHATSAPP_CONTRACTS } from './contracts';

export const BUSINESS_SPEC: NodeSpec<SimBusiness> = {
  type: 'Business',
  defaultFields: ['id', 'name'],
  fields: {
    id: (b) => b.id,
    name: (b) => b.name,
    verification_status: (b) => b.verificationStatus,
    link: (b) => `https://business.facebook.com/settings/?business_id=${b.id}`,
  },
};

export const WABA_SPEC: NodeSpec<SimWaba> = {
  type: 'WhatsAppBusinessAccount',
  defaultFields: ['id', 'name'],
  fields: {
    id: (x) => x.id,
    name: (x) => x.name,
    currency: (x) => x.currency,
    timezone_id: (x) => x.timezoneId,
    message_template_namespace: (x) => `sim_${x.id.slice(-8)}`,
  },
};

export const PHONE_NUMBER_SPEC: NodeSpec<SimPhoneNumber> = {
  type: 'WhatsAppBusinessPhoneNumber',
  defaultFields: [
    'verified_name',
    'code_verification_status',
    'display_phone_number',
    'quality_rating',
    'platform_type',
    'id',
  ],
  fields: {
    id: (n) => n.id,
    display_phone_number: (n) => n.displayPhoneNumber,
    verified_name: (n) => n.verifiedName,
    quality_rating: (n) => n.qualityRating,
    code_verification_status: () => 'VERIFIED',
    platform_type: () => 'CLOUD_API',
    throughput: () => ({ level: 'STANDARD' }),
    name_status: () => 'APPROVED',
  },
};

function reachableBusiness(ctx: GraphContext): SimBusiness {
  const id = ctx.params.id ?? '';
  const b = ctx.world.businesses.get(id);
  const userId = ctx.auth?.record?.userId;
  if (!b || !userId || !b.memberUserIds.includes(userId)) throw GraphErrors.unsupported(ctx.method, id);
  requireScope(ctx.auth, 'business_management');
  return b;
}

function listPages(ctx: GraphContext, pages: SimPage[]): unknown {
  const selection =
    parseFields(ctx.args.str('fields')) ?? PAGE_LIST_DEFAULT_FIELDS.map((name) => ({ name, sub: null }));
  return paginate(ctx, pages, (p) => renderNode(PAGE_SPEC, p, ctx, selection));
}

function wabasOf(ctx: GraphContext, b: SimBusiness, owned: boolean): SimWaba[] {
  // the simulator models owned WABAs only; client WABAs are an empty list
  return owned ? [...ctx.world.wabas.values()].filter((x) => x.businessId === b.id) : [];
}

function reachableWaba(ctx: GraphContext, id: string, reportedId = id): SimWaba {
  const waba = ctx.world.wabas.get(id);
  const userId = ctx.auth?.record?.userId;
  const business = waba ? ctx.world.businesses.get(waba.businessId) : undefined;
  if (!waba || !userId || !business?.memberUserIds.includes(userId))
    throw GraphErrors.unsupported(ctx.method, reportedId);
  requireScope(ctx.auth, 'whatsapp_business_management');
  return waba;
}

const isBusiness = (p: Record<string, string>, w: GraphContext['world']) => w.businesses.has(p.id ?? '');
const isWaba = (p: Record<string, string>, w: GraphContext['world']) => w.wabas.has(p.id ?? '');

export function registerBusinessRoutes(r: GraphRouteRegistry): void {
  r.on(GRAPH_CONTRACTS.business, (ctx) => renderNode(BUSINESS_SPEC, reachableBusiness(ctx), ctx), isBusiness);
  r.on(
    GRAPH_CONTRACTS.ownedPages,
    (ctx) => {
      const b = reachableBusiness(ctx);
      return listPages(
        ctx,
        [...ctx.world.pages.values()].filter((p) => p.businessId === b.id),
      );
    },
    isBusiness,
  );
  r.on(
    GRAPH_CONTRACTS.clientPages,
    (ctx) => {
      const b = reachableBusiness(ctx);
      return listPages(
        ctx,
        [...ctx.world.pages.values()].filter((p) => p.clientBusinessIds.includes(b.id)),
      );
    },
    isBusiness,
  );
  for (const edge of ['owned_ad_accounts', 'client_ad_accounts'] as const) {
    r.on(
      edge === 'owned_ad_accounts' ? GRAPH_CONTRACTS.ownedAdAccounts : GRAPH_CONTRACTS.clientAdAccounts,
      (ctx) => {
        const b = reachableBusiness(ctx);
        requireScope(ctx.auth, 'ads_read', 'ads_management');
        const accounts = [...ctx.world.adAccounts.values()].filter((a) =>
          edge === 'owned_ad_accounts' ? a.businessId === b.id : a.clientBusinessIds.includes(b.id),
        );
        return paginate(ctx, accounts, (a) => renderNode(AD_ACCOUNT_SPEC, a, ctx));
      },
      isBusiness,
    );
  }
  for (const edge of ['owned_whatsapp_business_accounts', 'client_whatsapp_business_accounts'] as const) {
    r.on(
      edge === 'owned_whatsapp_business_accounts' ? GRAPH_CONTRACTS.ownedWabas : GRAPH_CONTRACTS.clientWabas,
      (ctx) => {
        const b = reachableBusiness(ctx);
        requireScope(ctx.auth, 'whatsapp_business_management');
        return paginate(ctx, wabasOf(ctx, b, edge === 'owned_whatsapp_business_accounts'), (x) =>
          renderNode(WABA_SPEC, x, ctx),
        );
      },
      isBusiness,
    );
  }
  r.on(
    WHATSAPP_CONTRACTS.waba,
    (ctx) => renderNode(WABA_SPEC, reachableWaba(ctx, ctx.params.id ?? ''), ctx),
    isWaba,
  );
  r.on(
    WHATSAPP_CONTRACTS.phoneNumbers,
    (ctx) => {
      const waba = reachableWaba(ctx, ctx.params.id ?? '');
      const numbers = [...ctx.world.phoneNumbers.values()].filter((n) => n.wabaId === waba.id);
      return paginate(ctx, numbers, (n) => renderNode(PHONE_NUMBER_SPEC, n, ctx));
    },
    isWaba,
  );
  r.on(
    WHATSAPP_CONTRACTS.phoneNumber,
    (ctx) => {
      const id = ctx.params.id ?? '';
      const number = ctx.world.phoneNumbers.get(id);
      if (!number) throw GraphErrors.unsupported(ctx.method, id);
      reachableWaba(ctx, number.wabaId, id);
      return renderNode(PHONE_NUMBER_SPEC, number, ctx);
    },
    (p, w) => w.phoneNumbers.has(p.id ?? ''),
  );
}
