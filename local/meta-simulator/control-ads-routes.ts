/**
 * `/_sim` controls for the Marketing API and insights: how busy Meta says an ad account is (and whether it
 * throttles), how a campaign delivers (history, performance, a later change for the worse, delivery
 * problems, a forced effective status), and how asynchronous insights jobs and Page/IG metrics behave.
 */
import * as z from 'zod';
import { campaignSpendMinor, money } from './ad-delivery';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import type { AdsUsageSettings } from './ads-usage';

const AdsUsageSchema = z
  .object({
    managementBudget: z.number().int().positive(),
    insightsBudget: z.number().int().positive(),
    floorPercent: z.number().min(0).max(100),
    enforce: z.boolean(),
  })
  .partial()
  .strict();

const DeliverySchema = z
  .object({
    /** forces Meta's effective_status (e.g. WITH_ISSUES, PENDING_BILLING_INFO); null = derived again */
    effectiveStatus: z.string().min(1).nullable(),
    issues: z.array(
      z.object({ summary: z.string().min(1), message: z.string().min(1), code: z.number().int().optional() }),
    ),
    profile: z
      .object({
        cpm: z.number().positive(),
        ctr: z.number().min(0).max(1),
        leadRate: z.number().min(0).max(1),
      })
      .partial(),
    /** from this many days ago on, the campaign performs worse (or better) by these factors */
    change: z.object({
      fromDaysAgo: z.number().int().min(0).max(400),
      cpmFactor: z.number().positive().default(1),
      ctrFactor: z.number().positive().default(1),
      leadRateFactor: z.number().positive().default(1),
    }),
    /** makes every ad set of the campaign start, and deliver, this many days ago (history for reports) */
    deliveredSinceDaysAgo: z.number().int().min(1).max(400),
  })
  .partial()
  .strict();

const InsightsSchema = z
  .object({
    reportPolls: z.number().int().min(0).max(50),
    reportOutcome: z.enum(['Job Completed', 'Job Failed']),
    retiredMetrics: z.array(z.string().min(1)).max(50),
  })
  .partial()
  .strict();

function setAdsUsage(c: ControlContext) {
  const input = parseInput(AdsUsageSchema, c.body) as Partial<AdsUsageSettings>;
  Object.assign(c.core.adsUsage.settings, input);
  return ok(c.core.adsUsage.settings);
}

function setDelivery(c: ControlContext) {
  const w = c.core.world;
  const campaign = w.campaigns.get(c.params.id ?? '');
  if (!campaign) throw new ControlError(404, 'unknown_campaign', `no campaign ${c.params.id ?? ''}`);
  const input = parseInput(DeliverySchema, c.body);
  const now = c.core.now();
  const set = w.campaignIssues.get(campaign.id) ?? { effectiveStatus: null, issues: [] };
  if (input.effectiveStatus !== undefined) set.effectiveStatus = input.effectiveStatus;
  if (input.issues)
    set.issues = input.issues.map((i) => ({
      level: 'CAMPAIGN',
      error_code: i.code ?? 0,
      error_summary: i.summary,
      error_message: i.message,
      error_type: 'SOFT_ERROR',
    }));
  w.campaignIssues.set(campaign.id, set);
  const deliveries = [...w.deliveries.values()].filter((d) => d.campaignId === campaign.id);
  for (const d of deliveries) {
    if (input.profile) d.profile = { ...d.profile, ...input.profile };
    if (input.change)
      d.profile.change = {
        since: Math.floor((now - input.change.fromDaysAgo * 86_400) / 86_400) * 86_400,
        cpmFactor: input.change.cpmFactor,
        ctrFactor: input.change.ctrFactor,
        leadRateFactor: input.change.leadRateFactor,
      };
    if (input.deliveredSinceDaysAgo) {
      const from = now - input.deliveredSinceDaysAgo * 86_400;
      d.startTime = Math.min(d.startTime, from);
      d.intervals = [{ from, to: d.intervals.at(-1)?.to === null ? null : now }];
    }
  }
  const currency = w.adAccounts.get(campaign.adAccountId)?.currency ?? 'EUR';
  return ok({
    campaignId: campaign.id,
    status: campaign.status,
    effectiveStatus: set.effectiveStatus,
    issues: set.issues,
    adSets: deliveries.length,
    spend: money(campaignSpendMinor(w, campaign.id, now), currency),
  });
}

const DsaSchema = z
  .object({
    /** the account's default beneficiary and payor; null removes them */
    defaults: z
      .object({ beneficiary: z.string().min(1), payor: z.string().min(1) })
      .strict()
      .nullable(),
    recommendations: z.array(z.string().min(1)).max(20),
  })
  .partial()
  .strict();

/** What Ads Manager's advertising settings hold for an ad account's EU beneficiary and payer. */
function setDsa(c: ControlContext) {
  const account = c.core.world.adAccounts.get(c.params.id ?? '');
  if (!account) throw new ControlError(404, 'unknown_ad_account', `no ad account ${c.params.id ?? ''}`);
  const input = parseInput(DsaSchema, c.body);
  if (input.defaults === null) delete account.dsaDefaults;
  else if (input.defaults) account.dsaDefaults = input.defaults;
  if (input.recommendations) account.dsaRecommendations = input.recommendations;
  return ok({ defaults: account.dsaDefaults ?? null, recommendations: account.dsaRecommendations });
}

function setInsights(c: ControlContext) {
  Object.assign(c.core.world.insightsBehaviour, parseInput(InsightsSchema, c.body));
  return ok(c.core.world.insightsBehaviour);
}

export const adsControlRoutes: ControlRoute[] = [
  { method: 'GET', pattern: '/ads-usage', handle: (c) => ok(c.core.adsUsage.settings) },
  { method: 'POST', pattern: '/ads-usage', handle: setAdsUsage },
  { method: 'POST', pattern: '/campaigns/:id/delivery', handle: setDelivery },
  { method: 'POST', pattern: '/ad-accounts/:id/dsa', handle: setDsa },
  { method: 'GET', pattern: '/insights', handle: (c) => ok(c.core.world.insightsBehaviour) },
  { method: 'POST', pattern: '/insights', handle: setInsights },
];
