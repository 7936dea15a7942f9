/**
 * Marketing API objects as far as lead attribution needs them: ad accounts, campaigns, ad sets, ads.
 * Campaign creation, launch and insights belong in their own file beside this one.
 */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import type { SimAd, SimAdAccount, SimAdSet, SimCampaign } from './world';

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
    amount_spent: () => '0',
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
    effective_status: (c) => c.status,
    // delivery problems Meta reports on a campaign; none in the simulated world
    issues_info: () => [],
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
    effective_status: (a) => a.status,
    campaign_id: (a) => a.campaignId,
    account_id: (a) => a.adAccountId.replace(/^act_/, ''),
  },
};

export const AD_SPEC: NodeSpec<SimAd> = {
  type: 'Ad',
  defaultFields: ['id'],
  fields: {
    id: (a) => a.id,
    name: (a) => a.name,
    status: (a) => a.status,
    effective_status: (a) => a.status,
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

export function registerAdsRoutes(r: GraphRouteRegistry): void {
  r.get('/:id', 'user-or-page', getAdAccount, (p, w) => w.adAccounts.has(p.id ?? ''));
  r.get('/:id', 'user-or-page', getAdObject, (p, w) => {
    const id = p.id ?? '';
    return w.campaigns.has(id) || w.adSets.has(id) || w.ads.has(id);
  });
}
