/**
 * Marketing API writes: campaigns, ad sets, creatives and ads created under an ad
 * account, and status updates. Meta's required-field and objective/optimization-goal errors carry
 * `error_user_title` / `error_user_msg`, as the real API does.
 */
import { GraphError, GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { requireScope } from './token-auth';
import { minimumBudgets, reachableAdAccount } from './ads-routes';
import { DEFAULT_PROFILE, refreshDelivery } from './ad-delivery';
import { MARKETING_CONTRACTS } from './contracts';

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

function status(ctx: GraphContext, allowed = ['ACTIVE', 'PAUSED']): string {
  const s = (ctx.args.str('status') ?? 'PAUSED').toUpperCase();
  if (!allowed.includes(s))
    throw GraphErrors.invalidParameter(`(#100) status must be one of ${allowed.join(', ')}`);
  return s;
}

/**
 * Which of the account's minimum daily budgets an optimization goal is held to, from the Minimum Budget
 * reference (https://developers.facebook.com/docs/marketing-api/reference/minimum-budget/): impressions;
 * "high frequency actions like clicks and likes"; "low frequency actions like mobile app installs, offer
 * claims" — a submitted lead form is such a conversion.
 */
const BUDGET_CLASS: Record<
  string,
  'min_daily_budget_imp' | 'min_daily_budget_high_freq' | 'min_daily_budget_low_freq'
> = {
  REACH: 'min_daily_budget_imp',
  IMPRESSIONS: 'min_daily_budget_imp',
  LINK_CLICKS: 'min_daily_budget_high_freq',
  LANDING_PAGE_VIEWS: 'min_daily_budget_high_freq',
  POST_ENGAGEMENT: 'min_daily_budget_high_freq',
  LEAD_GENERATION: 'min_daily_budget_low_freq',
  QUALITY_LEAD: 'min_daily_budget_low_freq',
};

const unixTime = (v: string | undefined): number | null => {
  if (!v) return null;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) / 1000;
  return Number.isFinite(n) ? Math.floor(n) : null;
};

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
  const categories = (ctx.args.list('special_ad_categories') ?? []).filter((x) => x !== 'NONE');
  if (categories.length > 0 && !ctx.args.has('special_ad_category_country'))
    throw userError(
      'Country required for special ad categories',
      'Give special_ad_category_country: the countries where ads about credit, employment, housing or politics run.',
    );
  // without a campaign budget, Meta wants to be told whether ad sets may share their budgets
  if (
    !ctx.args.has('daily_budget') &&
    !ctx.args.has('lifetime_budget') &&
    !['true', 'false'].includes(ctx.args.str('is_adset_budget_sharing_enabled') ?? '')
  )
    throw userError(
      'Budget sharing setting required',
      'Set is_adset_budget_sharing_enabled to true or false when the campaign has no budget of its own.',
    );
  const id = ctx.world.newId(18, '120');
  ctx.world.campaigns.set(id, {
    id,
    adAccountId: a.id,
    name: ctx.args.str('name') ?? 'Campaign',
    objective,
    status: status(ctx),
    createdTime: ctx.now,
    specialAdCategories: categories,
  });
  ctx.world.campaignIssues.set(id, { effectiveStatus: null, issues: [] });
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
  if (!ctx.args.str('billing_event'))
    throw GraphErrors.invalidParameter('(#100) The parameter billing_event is required');
  const targeting = ctx.args.json('targeting') as
    | {
        geo_locations?: { countries?: string[] };
        age_min?: number;
        age_max?: number;
        targeting_automation?: { advantage_audience?: number | string };
      }
    | undefined;
  if (!targeting?.geo_locations?.countries?.length)
    throw userError('Location required', 'Targeting must include a location (geo_locations).');
  const special = campaign.specialAdCategories ?? [];
  if (special.length > 0 && ((targeting.age_min ?? 18) !== 18 || (targeting.age_max ?? 65) !== 65))
    throw userError(
      'Age targeting not available',
      'Ads in a special ad category cannot be targeted by age: use 18 to 65+.',
      2446173,
    );
  const hasDaily = ctx.args.has('daily_budget');
  const hasLifetime = ctx.args.has('lifetime_budget');
  if (hasDaily === hasLifetime)
    throw userError('Budget required', 'Set exactly one of daily_budget and lifetime_budget.');
  const start = unixTime(ctx.args.str('start_time')) ?? ctx.now;
  const end = unixTime(ctx.args.str('end_time'));
  if (hasLifetime && end === null)
    throw userError('End time required', 'An ad set with a lifetime budget needs an end_time.');
  if (end !== null && end <= start)
    throw userError('Schedule not valid', 'The end time must be after the start time.');
  const days = end !== null ? Math.max(1, Math.ceil((end - start) / 86_400)) : 1;
  const perDay = hasDaily
    ? Number(ctx.args.str('daily_budget'))
    : Number(ctx.args.str('lifetime_budget')) / days;
  const floor = minimumBudgets(a)[BUDGET_CLASS[goal] ?? 'min_daily_budget_imp'];
  if (!(perDay >= floor))
    throw userError(
      'Budget too low',
      `The budget must be at least ${floor} a day in the minor units of ${a.currency} for ${goal}.`,
      1885272,
    );
  if (
    goal === 'LEAD_GENERATION' &&
    !(ctx.args.json('promoted_object') as { page_id?: string } | undefined)?.page_id
  )
    throw userError(
      'Page required',
      'An ad set optimizing for leads needs promoted_object with the page_id of the lead form.',
    );
  const id = ctx.world.newId(18, '120');
  ctx.world.deliveries.set(id, {
    adsetId: id,
    campaignId: campaign.id,
    dailyRate: perDay,
    startTime: start,
    endTime: end,
    intervals: [],
    profile: { ...DEFAULT_PROFILE },
  });
  const dsaBeneficiary = ctx.args.str('dsa_beneficiary');
  const dsaPayor = ctx.args.str('dsa_payor') ?? dsaBeneficiary;
  ctx.world.adSets.set(id, {
    id,
    campaignId: campaign.id,
    adAccountId: a.id,
    name: ctx.args.str('name') ?? 'Ad set',
    status: status(ctx),
    // from v23.0 Meta turns Advantage+ audience on when the ad set does not say
    advantageAudience: Number(targeting.targeting_automation?.advantage_audience ?? 1) === 0 ? 0 : 1,
    ...(ctx.args.has('destination_type') ? { destinationType: ctx.args.str('destination_type') } : {}),
    ...(dsaBeneficiary ? { dsaBeneficiary } : {}),
    ...(dsaPayor ? { dsaPayor } : {}),
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
  refreshDelivery(ctx.world, ctx.now);
  return { id };
}

function updateStatus(ctx: GraphContext): unknown {
  requireScope(ctx.auth, 'ads_management');
  const id = ctx.params.id ?? '';
  const obj = ctx.world.campaigns.get(id) ?? ctx.world.adSets.get(id) ?? ctx.world.ads.get(id);
  if (!obj) throw GraphErrors.unsupported(ctx.method, id);
  reachableAdAccount(ctx, obj.adAccountId, id);
  obj.status = status(ctx, ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED']);
  refreshDelivery(ctx.world, ctx.now);
  return { success: true };
}

export function registerCampaignWriteRoutes(r: GraphRouteRegistry): void {
  r.on(MARKETING_CONTRACTS.createCampaign, createCampaign, isAdAccount)
    .on(MARKETING_CONTRACTS.createAdSet, createAdSet, isAdAccount)
    .on(MARKETING_CONTRACTS.createCreative, createCreative, isAdAccount)
    .on(MARKETING_CONTRACTS.createAd, createAd, isAdAccount)
    .on(MARKETING_CONTRACTS.updateStatus, updateStatus, isAdObject);
}
