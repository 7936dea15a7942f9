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

/** The optimization goal each objective is sent with (pairs Meta accepts). */
export const GOAL_FOR: Record<Objective, string> = {
  OUTCOME_LEADS: 'LEAD_GENERATION',
  OUTCOME_TRAFFIC: 'LINK_CLICKS',
  OUTCOME_AWARENESS: 'REACH',
  OUTCOME_ENGAGEMENT: 'POST_ENGAGEMENT',
};

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
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function validateCampaign(d: CampaignDraft, now: Date, currency?: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const floor = minDailyBudget(currency);
  if (d.dailyBudget < floor)
    issues.push({
      field: 'body.dailyBudget',
      message: `at least ${floor} in minor units of ${currency ?? 'the account currency'}`,
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

export function campaignHash(d: CampaignDraft): string {
  const canonical = JSON.stringify([
    d.adAccountId,
    d.name,
    d.objective,
    d.dailyBudget,
    d.startTime,
    d.endTime ?? null,
    [...d.specialAdCategories].sort(),
    d.targeting,
    d.creative,
    d.leadFormId ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface SpendCap {
  adAccountId: string;
  /** minor units per day */
  dailyCap: number;
  /** minor units over the whole run */
  lifetimeCap: number;
}

export type CapDecision =
  { approved: true; reason: 'within_spend_caps'; ruleId: string } | { approved: false; reason: string };

export function decideBySpendCaps(caps: SpendCap[], d: CampaignDraft): CapDecision {
  const cap = caps.find((c) => c.adAccountId === d.adAccountId);
  if (!cap) return { approved: false, reason: 'no_spend_cap_for_account' };
  if (d.dailyBudget > cap.dailyCap) return { approved: false, reason: 'over_daily_cap' };
  if (!d.endTime) return { approved: false, reason: 'no_end_date_lifetime_unbounded' };
  const days = Math.ceil((Date.parse(d.endTime) - Date.parse(d.startTime)) / 86_400_000);
  if (d.dailyBudget * days > cap.lifetimeCap) return { approved: false, reason: 'over_lifetime_cap' };
  return { approved: true, reason: 'within_spend_caps', ruleId: `spend-cap:${cap.adAccountId}` };
}

export function campaignView(c: CampaignRecord) {
  const { tenantId: _t, approval, ...rest } = c;
  return {
    ...rest,
    approval: approval ? { by: approval.by, at: approval.at, ruleId: approval.ruleId ?? null } : null,
    error: c.error ?? null,
  };
}
