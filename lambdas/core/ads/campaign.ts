/**
 * A campaign draft: campaign, ad set, creative and ad, held until approved. Validation mirrors Meta's
 * rules before anything is sent; the approval hash covers everything that will be sent, budget included;
 * a tenant's spend caps approve drafts within them and leave the rest to a person.
 */
import { createHash } from 'node:crypto';
import type { FieldIssue } from '../errors';

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
 * Which of Meta's minimums an ad set is held to: impressions-like goals the lowest, frequent events
 * (clicks, engagement, leads on the form) the "high frequency" one. Leads are not named by Meta's
 * budget page; the higher floor is the safe reading.
 */
const FLOOR_OF_GOAL: Record<string, keyof Omit<AccountMinimums, 'currency'>> = {
  REACH: 'impressions',
  IMPRESSIONS: 'impressions',
  LINK_CLICKS: 'highFrequency',
  LANDING_PAGE_VIEWS: 'highFrequency',
  POST_ENGAGEMENT: 'highFrequency',
  LEAD_GENERATION: 'highFrequency',
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
