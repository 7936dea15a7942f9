/**
 * Marketing API: ad accounts and their minimum budgets and DSA recommendations, campaign / ad set /
 * creative / ad creation and status, the list edges used to read back by name, insights (sync and report
 * runs), and Lead Ads (forms, leads).
 */
import type { GraphErrorInit } from '../graph-errors';
import { contract, type ContractArgs, type ContractRule } from './contract-types';

const LIST = { fields: {}, limit: { type: 'int' }, after: {} } as const;
const AD_ACCOUNT = 'AdAccount (`act_{id}`)';

/**
 * Where an ad reaches the EU (Meta: "the EU, associated territories, or select global/worldwide"):
 * the 27 member states and the territories with their own ISO code (Åland, the French overseas regions
 * and Saint-Martin), written from Meta's announcement
 * https://developers.facebook.com/blog/post/2023/05/16/new-marketing-mpa-api-requirements-for-facebook-and-instagram-ads-targeting-eu/
 */
export const EU_REACH = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK AX GF GP MQ RE YT MF'.split(
    ' ',
  ),
);
const EU_GROUPS = new Set(['worldwide', 'europe', 'eea', 'eu']);

export const SPECIAL_AD_CATEGORIES = [
  'NONE',
  'EMPLOYMENT',
  'HOUSING',
  'FINANCIAL_PRODUCTS_SERVICES',
  'ISSUES_ELECTIONS_POLITICS',
] as const;

interface Targeting {
  geo_locations?: { countries?: string[]; country_groups?: string[] };
  age_min?: number;
  age_max?: number;
  genders?: number[];
  targeting_automation?: { advantage_audience?: unknown };
}

const targetingOf = (a: ContractArgs) => (a.json('targeting') ?? {}) as Targeting;

const userError = (userTitle: string, userMsg: string, subcode?: number): GraphErrorInit => ({
  code: 100,
  message: 'Invalid parameter',
  userTitle,
  userMsg,
  ...(subcode !== undefined ? { subcode } : {}),
});

export function reachesEu(t: Targeting): boolean {
  const geo = t.geo_locations ?? {};
  return (
    (geo.countries ?? []).some((c) => EU_REACH.has(c.toUpperCase())) ||
    (geo.country_groups ?? []).some((g) => EU_GROUPS.has(g.toLowerCase()))
  );
}

const ADVANTAGE_AUDIENCE: ContractRule = {
  id: 'adset.advantage-audience',
  says: 'from v23.0 a new ad set says `targeting.targeting_automation.advantage_audience` (0 or 1); Meta refuses one that customises age or gender without it (1870227) and otherwise sets 1, which turns age and gender into suggestions',
  doc: 'https://developers.facebook.com/documentation/ads-commerce/marketing-api/audiences/reference/targeting-expansion/advantage-audience',
  check: (a) => {
    const t = targetingOf(a);
    const flag = t.targeting_automation?.advantage_audience;
    if (flag !== undefined)
      return flag === 0 || flag === 1 || flag === '0' || flag === '1'
        ? null
        : { code: 100, message: '(#100) targeting_automation.advantage_audience must be 0 or 1' };
    const customised =
      (t.age_min !== undefined && t.age_min !== 18) ||
      (t.age_max !== undefined && t.age_max !== 65) ||
      (t.genders ?? []).length > 0;
    return customised
      ? userError(
          'Advantage Audience Flag Required',
          'To create your ad set, you need to enable or disable the Advantage audience feature: set advantage_audience to 1 or 0 within targeting_automation in the targeting spec.',
          1870227,
        )
      : null;
  },
};

const DSA_FOR_EU: ContractRule = {
  id: 'adset.dsa-for-eu',
  says: 'an ad set whose targeting reaches the EU (or worldwide) names `dsa_beneficiary` (and `dsa_payor` when someone else pays); required since August 2023',
  doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/dsa_recommendations',
  check: (a) =>
    reachesEu(targetingOf(a)) && !a.str('dsa_beneficiary')
      ? userError(
          'Beneficiary and payer required',
          'Ads that reach the European Union must say who benefits from them (dsa_beneficiary) and who pays for them (dsa_payor).',
        )
      : null,
};

const LEAD_DESTINATION: ContractRule = {
  id: 'adset.lead-destination',
  says: 'an ad set optimising for leads on an instant form says `destination_type: ON_AD`',
  doc: 'https://developers.facebook.com/docs/marketing-api/adset/destination_type',
  check: (a) =>
    ['LEAD_GENERATION', 'QUALITY_LEAD'].includes(a.str('optimization_goal') ?? '') &&
    !a.has('destination_type')
      ? userError(
          'Conversion location required',
          'An ad set optimising for leads needs destination_type: ON_AD for an instant form.',
        )
      : null,
};

export const MARKETING_CONTRACTS = {
  adAccounts: contract({
    id: 'marketing.user.adaccounts',
    surface: 'marketing',
    method: 'GET',
    path: '/me/adaccounts',
    pattern: '/:id/adaccounts',
    node: 'User',
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/graph-api/reference/user/adaccounts/',
  }),
  adAccount: contract({
    id: 'marketing.ad_account',
    surface: 'marketing',
    method: 'GET',
    path: '/act_{ad-account-id}',
    pattern: '/:id',
    node: AD_ACCOUNT,
    tokens: ['user', 'page'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { fields: { note: 'e.g. currency, default_dsa_beneficiary, default_dsa_payor' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account',
  }),
  minimumBudgets: contract({
    id: 'marketing.ad_account.minimum_budgets',
    surface: 'marketing',
    method: 'GET',
    path: '/act_{ad-account-id}/minimum_budgets',
    pattern: '/:id/minimum_budgets',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/minimum_budgets/',
    notes:
      'Fields per https://developers.facebook.com/docs/marketing-api/reference/minimum-budget/: `min_daily_budget_imp` (optimised for impressions), `_high_freq` (frequent actions like clicks and likes), `_low_freq` (infrequent actions like app installs and offer claims), `_video_views`.',
  }),
  dsaRecommendations: contract({
    id: 'marketing.ad_account.dsa_recommendations',
    surface: 'marketing',
    method: 'GET',
    path: '/act_{ad-account-id}/dsa_recommendations',
    pattern: '/:id/dsa_recommendations',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/dsa_recommendations',
    notes: 'Suggestions only: Meta says to review them before publishing.',
  }),
  createCampaign: contract({
    id: 'marketing.campaigns.create',
    surface: 'marketing',
    method: 'POST',
    path: '/act_{ad-account-id}/campaigns',
    pattern: '/:id/campaigns',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_management',
    encoding: 'form',
    params: {
      name: { required: true },
      objective: {
        required: true,
        note: 'ODAX: OUTCOME_LEADS, OUTCOME_TRAFFIC, OUTCOME_AWARENESS, OUTCOME_ENGAGEMENT, …',
      },
      status: { oneOf: ['ACTIVE', 'PAUSED'] },
      special_ad_categories: {
        required: true,
        type: 'list',
        oneOf: SPECIAL_AD_CATEGORIES,
        retired: { CREDIT: 'FINANCIAL_PRODUCTS_SERVICES' },
        missing: userError(
          'Special ad categories required',
          'Declare special_ad_categories, or [] when the ads are about none of them.',
          2446173,
        ),
        note: '`[]` or `["NONE"]` when none; CREDIT was replaced by FINANCIAL_PRODUCTS_SERVICES on 2025-01-14',
      },
      special_ad_category_country: { type: 'list', note: 'required with a category' },
      is_adset_budget_sharing_enabled: { type: 'bool', note: 'required without a campaign budget' },
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/campaigns/',
    notes:
      'Special ad categories: https://developers.facebook.com/docs/marketing-api/audiences/special-ad-category',
  }),
  createAdSet: contract({
    id: 'marketing.adsets.create',
    surface: 'marketing',
    method: 'POST',
    path: '/act_{ad-account-id}/adsets',
    pattern: '/:id/adsets',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_management',
    encoding: 'form',
    params: {
      name: { required: true },
      campaign_id: { required: true },
      billing_event: { required: true },
      optimization_goal: { required: true },
      daily_budget: { type: 'int', note: 'minor units; exactly one of daily_budget and lifetime_budget' },
      lifetime_budget: { type: 'int' },
      start_time: {},
      end_time: {},
      targeting: {
        required: true,
        type: 'json',
        note: 'geo_locations, age_min/age_max, targeting_automation.advantage_audience',
      },
      promoted_object: { type: 'json', note: '`{"page_id"}` for leads' },
      destination_type: { note: 'ON_AD for an instant form' },
      dsa_beneficiary: { note: 'who benefits from the ad (EU)' },
      dsa_payor: { note: 'who pays for the ad (EU)' },
      status: { oneOf: ['ACTIVE', 'PAUSED'] },
    },
    rules: [ADVANTAGE_AUDIENCE, DSA_FOR_EU, LEAD_DESTINATION],
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/adsets/',
    notes:
      'Lead ads: https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create (ad set with optimization_goal LEAD_GENERATION, destination_type ON_AD, promoted_object.page_id).',
  }),
  createCreative: contract({
    id: 'marketing.adcreatives.create',
    surface: 'marketing',
    method: 'POST',
    path: '/act_{ad-account-id}/adcreatives',
    pattern: '/:id/adcreatives',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_management',
    encoding: 'form',
    params: {
      name: {},
      object_story_spec: { type: 'json' },
      object_story_id: { note: 'an existing Page post, PAGEID_POSTID' },
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/adcreatives/',
  }),
  createAd: contract({
    id: 'marketing.ads.create',
    surface: 'marketing',
    method: 'POST',
    path: '/act_{ad-account-id}/ads',
    pattern: '/:id/ads',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_management',
    encoding: 'form',
    params: {
      name: { required: true },
      adset_id: { required: true },
      creative: { required: true, type: 'json', note: '`{"creative_id"}`' },
      status: { oneOf: ['ACTIVE', 'PAUSED'] },
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/ads/',
  }),
  updateStatus: contract({
    id: 'marketing.object.update',
    surface: 'marketing',
    method: 'POST',
    path: '/{campaign-or-adset-or-ad-id}',
    pattern: '/:id',
    node: 'Campaign, AdSet or Ad',
    tokens: ['user'],
    permissions: 'ads_management',
    encoding: 'form',
    params: { status: { required: true, oneOf: ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED'] } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group/#Updating',
  }),
  adObject: contract({
    id: 'marketing.object',
    surface: 'marketing',
    method: 'GET',
    path: '/{campaign-or-adset-or-ad-id}',
    pattern: '/:id',
    node: 'Campaign, AdSet or Ad',
    tokens: ['user', 'page'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { fields: { note: 'e.g. effective_status, issues_info' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group/',
  }),
  listCampaigns: contract({
    id: 'marketing.ad_account.campaigns',
    surface: 'marketing',
    method: 'GET',
    path: '/act_{ad-account-id}/campaigns',
    pattern: '/:id/campaigns',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { ...LIST, filtering: { type: 'json' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/campaigns/',
  }),
  listAdSets: contract({
    id: 'marketing.adsets',
    surface: 'marketing',
    method: 'GET',
    path: '/{ad-account-or-campaign-id}/adsets',
    pattern: '/:id/adsets',
    node: 'AdAccount or Campaign',
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { ...LIST, filtering: { type: 'json' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group/adsets/',
  }),
  listAds: contract({
    id: 'marketing.ads',
    surface: 'marketing',
    method: 'GET',
    path: '/{ad-account-campaign-or-adset-id}/ads',
    pattern: '/:id/ads',
    node: 'AdAccount, Campaign or AdSet',
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { ...LIST, filtering: { type: 'json' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/adgroup/',
  }),
  listCreatives: contract({
    id: 'marketing.ad_account.adcreatives',
    surface: 'marketing',
    method: 'GET',
    path: '/act_{ad-account-id}/adcreatives',
    pattern: '/:id/adcreatives',
    node: AD_ACCOUNT,
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: { ...LIST, filtering: { type: 'json' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-account/adcreatives/',
  }),
  insights: contract({
    id: 'marketing.insights',
    surface: 'marketing',
    method: 'GET',
    path: '/{ad-account-or-campaign-id}/insights',
    pattern: '/:id/insights',
    node: 'AdAccount or Campaign',
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'query',
    params: {
      ...LIST,
      level: { oneOf: ['account', 'campaign', 'adset', 'ad'] },
      time_range: { type: 'json' },
      time_increment: {},
      date_preset: {},
      filtering: { type: 'json' },
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/insights',
  }),
  startReport: contract({
    id: 'marketing.insights.create',
    surface: 'marketing',
    method: 'POST',
    path: '/{ad-account-or-campaign-id}/insights',
    pattern: '/:id/insights',
    node: 'AdAccount or Campaign',
    tokens: ['user'],
    permissions: 'ads_read or ads_management',
    encoding: 'form',
    params: {
      fields: {},
      level: { oneOf: ['account', 'campaign', 'adset', 'ad'] },
      time_range: { type: 'json' },
      time_increment: {},
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/insights/best-practices/#asynchronous',
  }),
  reportRun: contract({
    id: 'marketing.report_run',
    surface: 'marketing',
    method: 'GET',
    path: '/{report-run-id}',
    pattern: '/:id',
    node: 'AdReportRun',
    tokens: ['user'],
    encoding: 'query',
    params: { fields: { note: 'async_status,async_percent_completion' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-report-run/',
  }),
  reportRows: contract({
    id: 'marketing.report_run.insights',
    surface: 'marketing',
    method: 'GET',
    path: '/{report-run-id}/insights',
    pattern: '/:id/insights',
    node: 'AdReportRun',
    tokens: ['user'],
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/ad-report-run/insights/',
  }),
  leadForms: contract({
    id: 'marketing.page.leadgen_forms',
    surface: 'marketing',
    method: 'GET',
    path: '/{page-id}/leadgen_forms',
    pattern: '/:id/leadgen_forms',
    node: 'Page',
    tokens: ['page'],
    permissions: 'pages_manage_ads, pages_read_engagement (and pages_show_list to get the Page token)',
    encoding: 'query',
    params: LIST,
    doc: 'https://developers.facebook.com/docs/graph-api/reference/page/leadgen_forms/',
    notes:
      "Meta's reference asks for a Page token; the lead ads guides list pages_manage_ads and pages_read_engagement for forms (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create). leads_retrieval alone does not list them.",
  }),
  leadForm: contract({
    id: 'marketing.leadgen_form',
    surface: 'marketing',
    method: 'GET',
    path: '/{form-id}',
    pattern: '/:id',
    node: 'LeadgenForm',
    tokens: ['user', 'page'],
    permissions: 'pages_manage_ads, pages_read_engagement',
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/marketing-api/reference/leadgen-form/',
    notes: 'Not called by the service.',
  }),
  formLeads: contract({
    id: 'marketing.leadgen_form.leads',
    surface: 'marketing',
    method: 'GET',
    path: '/{form-id}/leads',
    pattern: '/:id/leads',
    node: 'LeadgenForm',
    tokens: ['user', 'page'],
    permissions: 'leads_retrieval, pages_manage_ads, pages_read_engagement, pages_show_list, ads_management',
    encoding: 'query',
    params: {
      ...LIST,
      filtering: { type: 'json', note: '`time_created` with GREATER_THAN and a Unix time' },
    },
    doc: 'https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving',
  }),
  adLeads: contract({
    id: 'marketing.ad.leads',
    surface: 'marketing',
    method: 'GET',
    path: '/{ad-id}/leads',
    pattern: '/:id/leads',
    node: 'Ad',
    tokens: ['user', 'page'],
    permissions: 'leads_retrieval, ads_management',
    encoding: 'query',
    params: { ...LIST, filtering: { type: 'json' } },
    doc: 'https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving',
    notes: 'Not called by the service.',
  }),
  lead: contract({
    id: 'marketing.lead',
    surface: 'marketing',
    method: 'GET',
    path: '/{leadgen-id}',
    pattern: '/:id',
    node: 'Lead',
    tokens: ['user', 'page'],
    permissions: 'leads_retrieval, pages_manage_ads, pages_read_engagement, pages_show_list, ads_management',
    encoding: 'query',
    params: { fields: {} },
    doc: 'https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving',
  }),
};
