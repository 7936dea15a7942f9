/**
 * Marketing API writes (meta-platform.md §6): campaigns, ad sets, creatives and ads created under an ad
 * account, and status updates. Meta's required-field and objective/optimization-goal errors carry
 * `error_user_title` / `error_user_msg`, as the real API does.
 */
import { GraphError, GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import { reachableAdAccount } from './ads-routes';

const GOALS: Record<string, string[]> = {
  OUTCOME_LEADS: ['LEAD_GENERATION', 'QUALITY_LEAD'],
  OUTCOME_TRAFFIC: ['LINK_CLICKS', 'LANDING_PAGE_VIEWS'],
  OUTCOME_AWARENESS: ['REACH', 'IMPRESSIONS'],
  OUTCOME_ENGAGEMENT: ['POST_ENGAGEMENT'],
};

const userError = (title: string, msg: string, subcode = 1885183) =>
  new GraphError({ code: 100, subcode, message: 'Invalid parameter', userTitle: title, userMsg: msg });

const isAdAccount = (p: Record<string, string>, w: GraphContext['world']) => w.adAccounts.has(p.id ?? '');
const isAdObject = (p: Record<string, string>, w: GraphContext['world']) =>
  w.campaigns.has(p.id ?? '') || w.adSets.has(p.id ?? '') || w.ads.has(p.id ?? '');

function account(ctx: GraphContext) {
  const a = reachableAdAccount(ctx, ctx.params.id ?? '', ctx.params.id ?? '');
  requireScope(ctx.auth, 'ads_management');
  return a;
}

function status(ctx: GraphContext): string {
  const s = (ctx.args.str('status') ?? 'PAUSED').toUpperCase();
  if (!['ACTIVE', 'PAUSED'].includes(s))
    throw GraphErrors.invalidParameter(`(#100) status must be ACTIVE or PAUSED`);
  return s;
}

function createCampaign(ctx: GraphContext): unknown {
  const a = account(ctx);
  const objective = ctx.args.str('objective') ?? '';
  if (!GOALS[objective])
    throw userError(
      'Invalid objective',
      `The objective ${objective || '(none)'} is not available for this ad account.`,
    );
  if (ctx.args.str('special_ad_categories') === undefined)
    throw userError(
      'Special ad categories required',
      'Declare special_ad_categories, or [] when the ads are about none of them.',
      2446173,
    );
  const id = ctx.world.newId(18, '120');
  ctx.world.campaigns.set(id, {
    id,
    adAccountId: a.id,
    name: ctx.args.str('name') ?? 'Campaign',
    objective,
    status: status(ctx),
    createdTime: ctx.now,
  });
  return { id };
}

function createAdSet(ctx: GraphContext): unknown {
  const a = account(ctx);
  const campaign = ctx.world.campaigns.get(ctx.args.str('campaign_id') ?? '');
  if (!campaign || campaign.adAccountId !== a.id)
    throw GraphErrors.invalidParameter('(#100) campaign_id is not a campaign of this ad account');
  const goal = ctx.args.str('optimization_goal') ?? '';
  if (!GOALS[campaign.objective]?.includes(goal))
    throw userError(
      'Optimization goal not available',
      `The optimization goal ${goal} cannot be used with the ${campaign.objective} objective.`,
      2490408,
    );
  const daily = Number(ctx.args.str('daily_budget') ?? '0');
  if (!(daily >= 100))
    throw userError(
      'Budget too low',
      'The daily budget must be at least 1.00 in the account currency.',
      1885272,
    );
  const id = ctx.world.newId(18, '120');
  ctx.world.adSets.set(id, {
    id,
    campaignId: campaign.id,
    adAccountId: a.id,
    name: ctx.args.str('name') ?? 'Ad set',
    status: status(ctx),
  });
  return { id };
}

function createCreative(ctx: GraphContext): unknown {
  const a = account(ctx);
  const spec = ctx.args.json('object_story_spec') ?? ctx.args.str('object_story_id');
  if (!spec) throw userError('Creative needs content', 'Give object_story_spec or object_story_id.');
  const id = ctx.world.newId(18, '120');
  ctx.world.creatives.set(id, { id, adAccountId: a.id, name: ctx.args.str('name') ?? 'Creative', spec });
  return { id };
}

function createAd(ctx: GraphContext): unknown {
  const a = account(ctx);
  const adset = ctx.world.adSets.get(ctx.args.str('adset_id') ?? '');
  if (!adset || adset.adAccountId !== a.id)
    throw GraphErrors.invalidParameter('(#100) adset_id is not an ad set of this ad account');
  const creative = ctx.args.json('creative') as { creative_id?: string } | undefined;
  if (!creative?.creative_id || !ctx.world.creatives.has(creative.creative_id))
    throw GraphErrors.invalidParameter('(#100) creative.creative_id is required');
  const id = ctx.world.newId(18, '120');
  ctx.world.ads.set(id, {
    id,
    adsetId: adset.id,
    campaignId: adset.campaignId,
    adAccountId: a.id,
    name: ctx.args.str('name') ?? 'Ad',
    status: status(ctx),
  });
  return { id };
}

function updateStatus(ctx: GraphContext): unknown {
  requireScope(ctx.auth, 'ads_management');
  const id = ctx.params.id ?? '';
  const obj = ctx.world.campaigns.get(id) ?? ctx.world.adSets.get(id) ?? ctx.world.ads.get(id);
  if (!obj) throw GraphErrors.unsupported(ctx.method, id);
  reachableAdAccount(ctx, obj.adAccountId, id);
  obj.status = status(ctx);
  return { success: true };
}

export function registerCampaignWriteRoutes(r: GraphRouteRegistry): void {
  r.post('/:id/campaigns', 'user', createCampaign, isAdAccount)
    .post('/:id/adsets', 'user', createAdSet, isAdAccount)
    .post('/:id/adcreatives', 'user', createCreative, isAdAccount)
    .post('/:id/ads', 'user', createAd, isAdAccount)
    .post('/:id', 'user', updateStatus, isAdObject);
}
