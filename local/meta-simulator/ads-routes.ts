/**
 * Marketing API objects as far as lead attribution needs them: ad accounts, campaigns, ad sets, ads.
 * Campaign creation, launch and insights belong in their own file beside this one.
 */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import type { SimAd, SimAdAccount, SimAdSet, SimCampaign, World } from './world';
import { campaignSpendMinor } from './ad-delivery';
import { MARKETING_CONTRACTS } from './contracts';

/**
 * `GET /act_{id}/minimum_budgets`: daily floors in the account currency's minor units, by how often the
 * optimization event happens (Marketing API: budgets are integers in minor units; zero-decimal
 * currencies have none).
 */
export function minimumBudgets(a: SimAdAccount) {
  const zeroDecimal = ['JPY', 'KRW', 'CLP', 'VND', 'IDR', 'HUF', 'TWD'].includes(a.currency);
  return zeroDecimal
    ? {
        currency: a.currency,
        min_daily_budget_imp: 150,
        min_daily_budget_high_freq: 750,
        min_daily_budget_low_freq: 6000,
        min_daily_budget_video_views: 150,
      }
    : {
        currency: a.currency,
        min_daily_budget_imp: 100,
        min_daily_budget_high_freq: 500,
        min_daily_budget_low_freq: 4000,
        min_daily_budget_video_views: 100,
      };
}

/** what Meta says a campaign is doing: a test may force a status; delivery problems turn ACTIVE into WITH_ISSUES */
export function campaignEffectiveStatus(c: SimCampaign, w: World): string {
  const set = w.campaignIssues.get(c.id);
  if (set?.effectiveStatus) return set.effectiveStatus;
  return c.status === 'ACTIVE' && (set?.issues.length ?? 0) > 0 ? 'WITH_ISSUES' : c.status;
}

function adsetEffectiveStatus(a: SimAdSet, w: World): string {
  const c = w.campaigns.get(a.campaignId);
  return a.status === 'ACTIVE' && c && c.status !== 'ACTIVE' ? 'CAMPAIGN_PAUSED' : a.status;
}

function adEffectiveStatus(a: SimAd, w: World): string {
  if (a.status !== 'ACTIVE') return a.status;
  if (w.campaigns.get(a.campaignId)?.status !== 'ACTIVE') return 'CAMPAIGN_PAUSED';
  return w.adSets.get(a.adsetId)?.status !== 'ACTIVE' ? 'ADSET_PAUSED' : a.status;
}

const metaIso = (s: number | null | undefined) =>
  s === null || s === undefined ? undefined : new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');

export const AD_ACCOUNT_SPEC: NodeSpec<SimAdAccount> = {
  type: 'AdAccount',
  defaultFields: ['account_id', 'id'],
  fields: {
    id: (a) => a.id,
    account_id: (a) => a.accountId,
    name: (a) => a.name,
    account_status: (a) => a.accountStatus,
    currency: (a) => a.currency,
    timezone_name: (a) => a.timezoneName,
    // minor units, as a string, as Meta reports it
    amount_spent: (a, ctx) =>
      String(
        Math.round(
          [...ctx.world.campaigns.values()]
            .filter((c) => c.adAccountId === a.id)
            .reduce((n, c) => n + campaignSpendMinor(ctx.world, c.id, ctx.now), 0),
        ),
      ),
    min_daily_budget: (a) => minimumBudgets(a).min_daily_budget_imp,
    default_dsa_beneficiary: (a) => a.dsaDefaults?.beneficiary,
    default_dsa_payor: (a) => a.dsaDefaults?.payor,
    disable_reason: () => 0,
    business: (a, ctx) => {
      const b = a.businessId ? ctx.world.businesses.get(a.businessId) : undefined;
      return b ? { id: b.id, name: b.name } : undefined;
    },
  },
};

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');

export const CAMPAIGN_SPEC: NodeSpec<SimCampaign> = {
  type: 'Campaign',
  defaultFields: ['id'],
  fields: {
    id: (c) => c.id,
    name: (c) => c.name,
    objective: (c) => c.objective,
    status: (c) => c.status,
    effective_status: (c, ctx) => campaignEffectiveStatus(c, ctx.world),
    // delivery problems Meta reports on a campaign; tests set them with /_sim/campaigns/{id}/delivery
    issues_info: (c, ctx) => ctx.world.campaignIssues.get(c.id)?.issues ?? [],
    special_ad_categories: (c) => c.specialAdCategories ?? [],
    account_id: (c) => c.adAccountId.replace(/^act_/, ''),
    created_time: (c) => iso(c.createdTime),
  },
};

export const ADSET_SPEC: NodeSpec<SimAdSet> = {
  type: 'AdSet',
  defaultFields: ['id'],
  fields: {
    id: (a) => a.id,
    name: (a) => a.name,
    status: (a) => a.status,
    effective_status: (a, ctx) => adsetEffectiveStatus(a, ctx.world),
    campaign_id: (a) => a.campaignId,
    account_id: (a) => a.adAccountId.replace(/^act_/, ''),
    daily_budget: (a, ctx) => {
      const d = ctx.world.deliveries.get(a.id);
      return d && d.endTime === null ? String(Math.round(d.dailyRate)) : undefined;
    },
    start_time: (a, ctx) => metaIso(ctx.world.deliveries.get(a.id)?.startTime),
    end_time: (a, ctx) => metaIso(ctx.world.deliveries.get(a.id)?.endTime),
  },
};

export const AD_SPEC: NodeSpec<SimAd> = {
  type: 'Ad',
  defaultFields: ['id'],
  fields: {
    id: (a) => a.id,
    name: (a) => a.name,
    status: (a) => a.status,
    effective_status: (a, ctx) => adEffectiveStatus(a, ctx.world),
    adset_id: (a) => a.adsetId,
    campaign_id: (a) => a.campaignId,
    account_id: (a) => a.adAccountId.replace(/^act_/, ''),
  },
};

/** the caller must be a person on the ad account, with an ads permission */
export function reachableAdAccount(ctx: GraphContext, adAccountId: string, reportedId: string): SimAdAccount {
  const account = ctx.world.adAccounts.get(adAccountId);
  const userId = ctx.auth?.record?.userId;
  if (!account || !userId || !account.userIds.includes(userId))
    throw GraphErrors.unsupported(ctx.method, reportedId);
  requireScope(ctx.auth, 'ads_read', 'ads_management');
  return account;
}

function getAdAccount(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  return renderNode(AD_ACCOUNT_SPEC, reachableAdAccount(ctx, id, id), ctx);
}

function getAdObject(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const w = ctx.world;
  const campaign = w.campaigns.get(id);
  if (campaign) {
    reachableAdAccount(ctx, campaign.adAccountId, id);
    return renderNode(CAMPAIGN_SPEC, campaign, ctx);
  }
  const adset = w.adSets.get(id);
  if (adset) {
    reachableAdAccount(ctx, adset.adAccountId, id);
    return renderNode(ADSET_SPEC, adset, ctx);
  }
  const ad = w.ads.get(id);
  if (!ad) throw GraphErrors.unsupported(ctx.method, id);
  reachableAdAccount(ctx, ad.adAccountId, id);
  return renderNode(AD_SPEC, ad, ctx);
}

function getMinimumBudgets(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  return { data: [minimumBudgets(reachableAdAccount(ctx, id, id))] };
}

function getDsaRecommendations(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const account = reachableAdAccount(ctx, id, id);
  requireScope(ctx.auth, 'ads_read', 'ads_management');
  return { data: [{ recommendations: [...account.dsaRecommendations] }] };
}

export function registerAdsRoutes(r: GraphRouteRegistry): void {
  r.on(MARKETING_CONTRACTS.dsaRecommendations, getDsaRecommendations, (p, w) => w.adAccounts.has(p.id ?? ''));
  r.on(MARKETING_CONTRACTS.minimumBudgets, getMinimumBudgets, (p, w) => w.adAccounts.has(p.id ?? ''));
  r.on(MARKETING_CONTRACTS.adAccount, getAdAccount, (p, w) => w.adAccounts.has(p.id ?? ''));
  r.on(MARKETING_CONTRACTS.adObject, getAdObject, (p, w) => {
    const id = p.id ?? '';
    return w.campaigns.has(id) || w.adSets.has(id) || w.ads.has(id);
  });
}
