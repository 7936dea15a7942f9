/**
 * Marketing API list edges: an ad account's campaigns, ad sets, ads and creatives, a campaign's ad sets
 * and ads, an ad set's ads, with `fields` and Meta's `filtering` rules (`[{field, operator, value}]`).
 * The service reads these back to find an object whose create answer was lost (the Marketing API has no
 * idempotency key), and to read the status of many campaigns in one call.
 */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import { paginate } from './pagination';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import {
  AD_SPEC,
  ADSET_SPEC,
  CAMPAIGN_SPEC,
  campaignEffectiveStatus,
  reachableAdAccount,
} from './ads-routes';
import type { World } from './world';
import { MARKETING_CONTRACTS } from './contracts';

interface Creative {
  id: string;
  adAccountId: string;
  name: string;
  spec: unknown;
}

const CREATIVE_SPEC: NodeSpec<Creative> = {
  type: 'AdCreative',
  defaultFields: ['id'],
  fields: {
    id: (c) => c.id,
    name: (c) => c.name,
    account_id: (c) => c.adAccountId.replace(/^act_/, ''),
    object_story_spec: (c) => (typeof c.spec === 'object' ? c.spec : undefined),
    object_story_id: (c) => (typeof c.spec === 'string' ? c.spec : undefined),
  },
};

type Row = { id: string; name: string; effectiveStatus: string; campaignId?: string; adsetId?: string };

const OPERATORS = ['EQUAL', 'NOT_EQUAL', 'CONTAIN', 'NOT_CONTAIN', 'IN', 'NOT_IN'] as const;

function valueOf(row: Row, field: string): string | undefined {
  switch (field) {
    case 'id':
      return row.id;
    case 'name':
      return row.name;
    case 'effective_status':
      return row.effectiveStatus;
    case 'campaign.id':
      return row.campaignId;
    case 'adset.id':
      return row.adsetId;
    default:
      throw GraphErrors.invalidParameter(`(#100) Filtering field ${field} is invalid`);
  }
}

/** Meta's `filtering` on list edges; an unknown field or operator is its (#100) error */
export function applyFiltering<T>(ctx: GraphContext, items: T[], row: (t: T) => Row): T[] {
  if (!ctx.args.has('filtering')) return items;
  const rules = ctx.args.json('filtering');
  if (!Array.isArray(rules)) throw GraphErrors.invalidParameter('(#100) param filtering must be an array.');
  let out = items;
  for (const r of rules as Array<{ field?: unknown; operator?: unknown; value?: unknown }>) {
    const field = String(r?.field ?? '');
    const op = String(r?.operator ?? '');
    if (!(OPERATORS as readonly string[]).includes(op))
      throw GraphErrors.invalidParameter(`(#100) Filtering operator ${op} is not supported`);
    const values = (Array.isArray(r.value) ? r.value : [r.value]).map(String);
    out = out.filter((t) => {
      const v = valueOf(row(t), field) ?? '';
      switch (op) {
        case 'EQUAL':
          return v === values[0];
        case 'NOT_EQUAL':
          return v !== values[0];
        case 'CONTAIN':
          return v.toLowerCase().includes((values[0] ?? '').toLowerCase());
        case 'NOT_CONTAIN':
          return !v.toLowerCase().includes((values[0] ?? '').toLowerCase());
        case 'IN':
          return values.includes(v);
        default:
          return !values.includes(v);
      }
    });
  }
  return out;
}

/** the ad account a list edge hangs off, checked the way Meta hides what the caller may not see */
function accountOf(ctx: GraphContext): string {
  const id = ctx.params.id ?? '';
  const w = ctx.world;
  const account =
    (w.adAccounts.has(id) ? id : undefined) ??
    w.campaigns.get(id)?.adAccountId ??
    w.adSets.get(id)?.adAccountId ??
    '';
  reachableAdAccount(ctx, account, id);
  return account;
}

const newestFirst = <T>(xs: Iterable<T>) => [...xs].reverse();

function listCampaigns(ctx: GraphContext): unknown {
  const account = accountOf(ctx);
  const w = ctx.world;
  const items = applyFiltering(
    ctx,
    newestFirst(w.campaigns.values()).filter((c) => c.adAccountId === account),
    (c) => ({ id: c.id, name: c.name, effectiveStatus: campaignEffectiveStatus(c, w) }),
  );
  return paginate(ctx, items, (c) => renderNode(CAMPAIGN_SPEC, c, ctx));
}

function listAdSets(ctx: GraphContext): unknown {
  const account = accountOf(ctx);
  const id = ctx.params.id ?? '';
  const w = ctx.world;
  const items = applyFiltering(
    ctx,
    newestFirst(w.adSets.values()).filter(
      (a) => a.adAccountId === account && (id === account || a.campaignId === id),
    ),
    (a) => ({ id: a.id, name: a.name, effectiveStatus: a.status, campaignId: a.campaignId }),
  );
  return paginate(ctx, items, (a) => renderNode(ADSET_SPEC, a, ctx));
}

function listAds(ctx: GraphContext): unknown {
  const account = accountOf(ctx);
  const id = ctx.params.id ?? '';
  const w = ctx.world;
  const items = applyFiltering(
    ctx,
    newestFirst(w.ads.values()).filter(
      (a) => a.adAccountId === account && (id === account || a.campaignId === id || a.adsetId === id),
    ),
    (a) => ({
      id: a.id,
      name: a.name,
      effectiveStatus: a.status,
      campaignId: a.campaignId,
      adsetId: a.adsetId,
    }),
  );
  return paginate(ctx, items, (a) => renderNode(AD_SPEC, a, ctx));
}

function listCreatives(ctx: GraphContext): unknown {
  const account = accountOf(ctx);
  const items = applyFiltering(
    ctx,
    newestFirst(ctx.world.creatives.values()).filter((c) => c.adAccountId === account),
    (c) => ({ id: c.id, name: c.name, effectiveStatus: 'ACTIVE' }),
  );
  return paginate(ctx, items, (c) => renderNode(CREATIVE_SPEC, c, ctx));
}

const isAccount = (p: Record<string, string>, w: World) => w.adAccounts.has(p.id ?? '');
const isAccountOrCampaign = (p: Record<string, string>, w: World) =>
  isAccount(p, w) || w.campaigns.has(p.id ?? '');
const isAdsParent = (p: Record<string, string>, w: World) =>
  isAccountOrCampaign(p, w) || w.adSets.has(p.id ?? '');

export function registerAdListRoutes(r: GraphRouteRegistry): void {
  r.on(MARKETING_CONTRACTS.listCampaigns, listCampaigns, isAccount)
    .on(MARKETING_CONTRACTS.listAdSets, listAdSets, isAccountOrCampaign)
    .on(MARKETING_CONTRACTS.listAds, listAds, isAdsParent)
    .on(MARKETING_CONTRACTS.listCreatives, listCreatives, isAccount);
}
