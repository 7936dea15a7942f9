/**
 * A campaign draft: campaign, ad set, creative and ad, held until approved. Validation mirrors Meta's
 * rules before anything is sent; the approval hash covers everything that will be sent, budget included;
 * a tenant's spend caps approve drafts within them and leave the rest to a person.
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../../platform/core/errors';

export const OBJECTIVES = [
  'OUTCOME_LEADS',
  'OUTCOME_TRAFFIC',
  'OUTCOME_AWARENESS',
  'OUTCOME_ENGAGEMENT',
] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The optimization goal each objective is sent with when the draft names none. */
export const GOAL_FOR: Record<Objective, string> = {
  OUTCOME_LEADS: 'LEAD_GENERATION',
  OUTCOME_TRAFFIC: 'LINK_CLICKS',
  OUTCOME_AWARENESS: 'REACH',
  OUTCOME_ENGAGEMENT: 'POST_ENGAGEMENT',
};

/** The objective ↔ optimization goal pairs Meta accepts for the ad sets this service makes (ODAX). */
export const GOALS_FOR: Record<Objective, readonly string[]> = {
  OUTCOME_LEADS: ['LEAD_GENERATION', 'QUALITY_LEAD'],
  OUTCOME_TRAFFIC: ['LINK_CLICKS', 'LANDING_PAGE_VIEWS'],
  OUTCOME_AWARENESS: ['REACH', 'IMPRESSIONS'],
  OUTCOME_ENGAGEMENT: ['POST_ENGAGEMENT'],
};

export const OPTIMIZATION_GOALS = [...new Set(Object.values(GOALS_FOR).flat())];

export const goalOf = (d: Pick<CampaignDraft, 'objective' | 'optimizationGoal'>) =>
  d.optimizationGoal ?? GOAL_FOR[d.objective];

/** Meta's floor is about 1.00 a day in the account currency; budgets are in minor units. */
export const MIN_DAILY_BUDGET = 100;

/** Daily floors (minor units) where 1.00 is not the floor, e.g. currencies without minor units. */
const CURRENCY_MIN_DAILY: Record<string, number> = {
  JPY: 100,
  KRW: 1000,
  INR: 8000,
  IDR: 1_500_000,
  BRL: 500,
};

export const minDailyBudget = (currency: string | null | undefined) =>
  CURRENCY_MIN_DAILY[currency ?? ''] ?? MIN_DAILY_BUDGET;

/**
 * Special ad categories Meta offers today. CREDIT was replaced by FINANCIAL_PRODUCTS_SERVICES on
 * 2025-01-14: https://developers.facebook.com/docs/marketing-api/audiences/special-ad-category
 */
export const SPECIAL_AD_CATEGORIES = [
  'EMPLOYMENT',
  'HOUSING',
  'FINANCIAL_PRODUCTS_SERVICES',
  'ISSUES_ELECTIONS_POLITICS',
] as const;
/** retired value → what replaced it, so a draft using one is told what to use */
export const RETIRED_SPECIAL_AD_CATEGORIES: Readonly<Record<string, string>> = {
  CREDIT: 'FINANCIAL_PRODUCTS_SERVICES',
};

/**
 * Where an ad reaches the EU and so must name its beneficiary and payer (EU Digital Services Act; Meta
 * requires `dsa_beneficiary` / `dsa_payor` since August 2023 for "the EU, associated territories, or
 * worldwide"): the 27 member states and the territories with their own ISO code.
 * https://developers.facebook.com/blog/post/2023/05/16/new-marketing-mpa-api-requirements-for-facebook-and-instagram-ads-targeting-eu/
 */
const EU_COUNTRIES = new Set([
  ...['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE'],
  ...['IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  // Åland, the French overseas regions and Saint-Martin
  ...['AX', 'GF', 'GP', 'MQ', 'RE', 'YT', 'MF'],
]);

export const reachesEu = (countries: readonly string[]) => countries.some((c) => EU_COUNTRIES.has(c));

/** Who benefits from and who pays for an ad that reaches the EU (Meta's `dsa_beneficiary` / `dsa_payor`). */
export interface DsaParties {
  beneficiary: string;
  /** the beneficiary when absent: most businesses pay for their own ads */
  payor?: string;
}

export interface CampaignDraft {
  adAccountId: string;
  name: string;
  objective: Objective;
  /** one Meta accepts with the objective (GOALS_FOR); the objective's usual goal when absent */
  optimizationGoal?: string;
  /** minor units of the account currency per day */
  dailyBudget: number;
  startTime: string;
  endTime?: string;
  specialAdCategories: string[];
  targeting: { countries: string[]; ageMin: number; ageMax: number };
  /**
   * Meta's Advantage+ audience (`targeting_automation.advantage_audience`): off by default, so the
   * tenant's age range is a limit; on, Meta may show the ads beyond it. Sent on every ad set, since from
   * v23.0 Meta otherwise turns it on by itself:
   * https://developers.facebook.com/documentation/ads-commerce/marketing-api/audiences/reference/targeting-expansion/advantage-audience
   */
  advantageAudience?: boolean;
  /** required when the targeting reaches the EU (from the draft, or the ad account's default at Meta) */
  dsa?: DsaParties;
  /** new media (message, link, image) or an existing Page post (`postId`, e.g. `PAGEID_POSTID`) */
  creative: { pageId: string; message?: string; link?: string; imageUrl?: string; postId?: string };
  leadFormId?: string;
}

export type CampaignStatus = 'draft' | 'approved' | 'creating' | 'paused' | 'active' | 'failed' | 'rejected';

export interface MetaIds {
  campaignId?: string;
  adsetId?: string;
  creativeId?: string;
  adId?: string;
}

export interface CampaignRecord extends CampaignDraft {
  tenantId: string;
  id: string;
  connectionId: string;
  status: CampaignStatus;
  approval?: { hash: string; by: string; at: string; ruleId?: string };
  meta: MetaIds;
  error?: string;
  /** last status sync: Meta's effective status, delivery issues and spend to date (account currency) */
  sync?: { effectiveStatus: string; issues: string[]; spend: number; at: string };
  /** the worker run creating it now, until when: a duplicate delivery of the job leaves it alone */
  lease?: { runId: string; until: string };
  /** a create sent to Meta whose answer was not stored yet: read back before sending it again */
  pendingStep?: 'campaign' | 'adset' | 'creative' | 'ad';
  /** how Meta's usage of the ad account slowed the last Marketing API job on this campaign */
  pacing?: { reason: string; percent: number; waitMs: number; at: string };
  /** first launch; after it, starting again is a resume */
  launchedAt?: string;
  /** incremented on every write: writes are conditional on it, so concurrent changes never overwrite */
  rev?: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The suffix that lets the worker find, by name, what it created at Meta for this campaign. */
export const metaNameTag = (c: { id: string }) => `[${c.id}]`;

/** Minimum daily budgets of an ad account (minor units), as Meta reports them per kind of event. */
export interface AccountMinimums {
  currency: string;
  impressions: number;
  highFrequency: number;
  lowFrequency: number;
}

/**
 * Which of Meta's minimums an ad set is held to, as the Minimum Budget reference describes its fields
 * (https://developers.facebook.com/docs/marketing-api/reference/minimum-budget/): optimised for
 * impressions (reach, impressions) → `min_daily_budget_imp`; for high-frequency actions "like clicks and
 * likes" (link clicks, landing page views, post engagement) → `_high_freq`; for low-frequency actions
 * "like mobile app installs, offer claims" → `_low_freq`. A submitted lead form is such a conversion
 * (the reference does not name leads; the higher floor is the reading Meta cannot refuse).
 */
const FLOOR_OF_GOAL: Record<string, keyof Omit<AccountMinimums, 'currency'>> = {
  REACH: 'impressions',
  IMPRESSIONS: 'impressions',
  LINK_CLICKS: 'highFrequency',
  LANDING_PAGE_VIEWS: 'highFrequency',
  POST_ENGAGEMENT: 'highFrequency',
  LEAD_GENERATION: 'lowFrequency',
  QUALITY_LEAD: 'lowFrequency',
};

export function dailyFloor(
  d: Pick<CampaignDraft, 'objective' | 'optimizationGoal'>,
  currency?: string | null,
  minimums?: AccountMinimums | null,
): number {
  if (!minimums) return minDailyBudget(currency);
  return minimums[FLOOR_OF_GOAL[goalOf(d)] ?? 'impressions'];
}

export function validateCampaign(
  d: CampaignDraft,
  now: Date,
  currency?: string | null,
  minimums?: AccountMinimums | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const floor = dailyFloor(d, currency, minimums);
  if (d.dailyBudget < floor)
    issues.push({
      field: 'body.dailyBudget',
      message: `at least ${floor} in minor units of ${minimums?.currency ?? currency ?? 'the account currency'} for ${goalOf(d)}`,
    });
  if (d.optimizationGoal && !GOALS_FOR[d.objective].includes(d.optimizationGoal))
    issues.push({
      field: 'body.optimizationGoal',
      message: `${d.optimizationGoal} cannot be used with ${d.objective}: one of ${GOALS_FOR[d.objective].join(', ')}`,
    });
  if (!d.creative.postId && !d.creative.message)
    issues.push({
      field: 'body.creative.message',
      message: 'new media needs a message, or give an existing postId',
    });
  if (d.creative.postId && !d.creative.postId.startsWith(`${d.creative.pageId}_`))
    issues.push({
      field: 'body.creative.postId',
      message: 'must be a post of the creative Page (PAGEID_POSTID)',
    });
  if (d.objective === 'OUTCOME_LEADS' && d.creative.postId)
    issues.push({
      field: 'body.creative.postId',
      message: 'a lead campaign needs new media that carries the lead form, not an existing post',
    });
  if (d.objective === 'OUTCOME_LEADS' && !d.leadFormId)
    issues.push({ field: 'body.leadFormId', message: 'a lead objective needs a lead form' });
  if (d.objective !== 'OUTCOME_LEADS' && d.leadFormId)
    issues.push({ field: 'body.leadFormId', message: 'only lead campaigns take a lead form' });
  if (Date.parse(d.startTime) < now.getTime() - 5 * 60_000)
    issues.push({ field: 'body.startTime', message: 'must not be in the past' });
  if (d.endTime && Date.parse(d.endTime) <= Date.parse(d.startTime) + 86_400_000)
    issues.push({ field: 'body.endTime', message: 'must be at least a day after the start' });
  if (d.targeting.ageMin > d.targeting.ageMax)
    issues.push({ field: 'body.targeting.ageMin', message: 'must not exceed ageMax' });
  if (d.specialAdCategories.length > 0 && (d.targeting.ageMin !== 18 || d.targeting.ageMax !== 65))
    issues.push({ field: 'body.targeting', message: 'special ad categories do not allow age targeting' });
  d.specialAdCategories.forEach((cat, i) => {
    const replacement = RETIRED_SPECIAL_AD_CATEGORIES[cat];
    if (replacement)
      issues.push({
        field: `body.specialAdCategories.${i}`,
        message: `${cat} was retired by Meta; use ${replacement}`,
      });
  });
  if (reachesEu(d.targeting.countries) && !d.dsa?.beneficiary)
    issues.push({
      field: 'body.dsa.beneficiary',
      message:
        'ads that reach the EU must name who benefits from them and who pays (dsa.beneficiary, dsa.payor), or the ad account needs a default beneficiary at Meta',
    });
  if (d.objective === 'OUTCOME_TRAFFIC' && !d.creative.link && !d.creative.postId)
    issues.push({ field: 'body.creative.link', message: 'a traffic campaign needs a link' });
  return issues;
}

/**
 * A hash of exactly what will be sent, budget included. Fields are listed one by one, never whole
 * objects, so the order a database gives nested keys back in cannot change it.
 */
export function campaignHash(d: CampaignDraft): string {
  const canonical = JSON.stringify([
    d.adAccountId,
    d.name,
    d.objective,
    d.dailyBudget,
    d.startTime,
    d.endTime ?? null,
    [...d.specialAdCategories].sort(),
    [...d.targeting.countries].sort(),
    d.targeting.ageMin,
    d.targeting.ageMax,
    d.creative.pageId,
    d.creative.message ?? null,
    d.creative.link ?? null,
    d.creative.imageUrl ?? null,
    d.creative.postId ?? null,
    d.leadFormId ?? null,
    // appended only when named, so drafts approved before the field existed keep their hash
    ...(d.optimizationGoal ? [d.optimizationGoal] : []),
    ...(d.advantageAudience ? ['advantage_audience'] : []),
    ...(d.dsa ? [['dsa', d.dsa.beneficiary, d.dsa.payor ?? d.dsa.beneficiary]] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface SpendCap {
  adAccountId: string;
  /** minor units per day, for all the account's live campaigns together */
  dailyCap: number;
  /** minor units over the whole run of the account's live campaigns together */
  lifetimeCap: number;
}

/** What a spend-cap decision was based on, so a person can see why it did or did not approve. */
export interface CapFigures {
  dailyCap: number;
  lifetimeCap: number;
  /** daily budgets of the account's other live campaigns (approved, being created, paused, active) */
  committedDaily: number;
  draftDaily: number;
  /** planned totals: the other live campaigns' and this draft's (null when one has no end date) */
  committedLifetime: number | null;
  draftLifetime: number | null;
}

export type CapDecision =
  | { approved: true; reason: 'within_spend_caps'; ruleId: string; figures: CapFigures }
  | { approved: false; reason: string; figures: CapFigures | null };

const plannedTotal = (d: CampaignDraft): number | null =>
  d.endTime
    ? d.dailyBudget * Math.ceil((Date.parse(d.endTime) - Date.parse(d.startTime)) / 86_400_000)
    : null;

/**
 * A tenant's spend caps approve a draft only when the whole ad account stays within them with it: the
 * draft plus every other campaign of the account that can still spend. A run without an end date cannot
 * be shown to stay under a lifetime cap, so it waits for a person.
 */
export function decideBySpendCaps(
  caps: SpendCap[],
  d: CampaignDraft,
  others: CampaignDraft[] = [],
): CapDecision {
  const cap = caps.find((c) => c.adAccountId === d.adAccountId);
  if (!cap) return { approved: false, reason: 'no_spend_cap_for_account', figures: null };
  const live = others.filter((o) => o.adAccountId === d.adAccountId);
  const totals = live.map(plannedTotal);
  const figures: CapFigures = {
    dailyCap: cap.dailyCap,
    lifetimeCap: cap.lifetimeCap,
    committedDaily: live.reduce((n, o) => n + o.dailyBudget, 0),
    draftDaily: d.dailyBudget,
    committedLifetime: totals.includes(null) ? null : totals.reduce<number>((n, t) => n + (t ?? 0), 0),
    draftLifetime: plannedTotal(d),
  };
  if (figures.committedDaily + d.dailyBudget > cap.dailyCap)
    return { approved: false, reason: 'over_daily_cap', figures };
  if (figures.draftLifetime === null)
    return { approved: false, reason: 'no_end_date_lifetime_unbounded', figures };
  if (figures.committedLifetime === null)
    return { approved: false, reason: 'account_has_open_ended_campaign', figures };
  if (figures.committedLifetime + figures.draftLifetime > cap.lifetimeCap)
    return { approved: false, reason: 'over_lifetime_cap', figures };
  return { approved: true, reason: 'within_spend_caps', ruleId: `spend-cap:${cap.adAccountId}`, figures };
}

export function campaignView(c: CampaignRecord) {
  const { tenantId: _t, approval, rev: _r, pendingStep: _p, lease: _l, ...rest } = c;
  return {
    ...rest,
    approval: approval ? { by: approval.by, at: approval.at, ruleId: approval.ruleId ?? null } : null,
    error: c.error ?? null,
  };
}
