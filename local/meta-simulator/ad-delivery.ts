/**
 * Delivery of the simulated Marketing API: an ad set spends while its campaign, itself and one of its ads
 * are ACTIVE, inside its schedule, on an active ad account. Spend grows with the simulator's clock at the
 * ad set's daily rate; impressions, clicks, reach and leads follow from its profile with a stable daily
 * jitter, so a sync read twice gives the same figures and a paused campaign stops spending.
 */
import type { AdSetDelivery, DeliveryProfile, World } from './world';

export const DEFAULT_PROFILE: DeliveryProfile = { cpm: 6.5, ctr: 0.012, leadRate: 0.09 };

/** share of the budget actually spent: Meta paces below the budget */
const PACING = 0.95;

/** Meta's currencies without minor units (budgets and spend are whole units) */
const ZERO_DECIMAL = new Set(['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND']);

export const currencyOffset = (currency: string) => (ZERO_DECIMAL.has(currency) ? 1 : 100);

function isDelivering(world: World, d: AdSetDelivery): boolean {
  const campaign = world.campaigns.get(d.campaignId);
  const adset = world.adSets.get(d.adsetId);
  if (!campaign || !adset || campaign.status !== 'ACTIVE' || adset.status !== 'ACTIVE') return false;
  if (world.adAccounts.get(adset.adAccountId)?.accountStatus !== 1) return false;
  return [...world.ads.values()].some((a) => a.adsetId === d.adsetId && a.status === 'ACTIVE');
}

/** Opens or closes delivery spans after any status change; call with the simulator's now. */
export function refreshDelivery(world: World, now: number): void {
  for (const d of world.deliveries.values()) {
    const open = d.intervals.at(-1);
    const running = open !== undefined && open.to === null;
    const should = isDelivering(world, d);
    if (should && !running) d.intervals.push({ from: now, to: null });
    if (!should && running) open.to = now;
  }
}

/** seconds of delivery of `d` inside [from, to) */
function deliveredSeconds(d: AdSetDelivery, from: number, to: number, now: number): number {
  const lo = Math.max(from, d.startTime);
  const hi = Math.min(to, d.endTime ?? Infinity, now);
  let total = 0;
  for (const span of d.intervals) {
    const a = Math.max(lo, span.from);
    const b = Math.min(hi, span.to ?? now);
    if (b > a) total += b - a;
  }
  return total;
}

/** a stable factor in [0.85, 1.15] per ad set, metric and day */
function jitter(seed: string): number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return 0.85 + (h % 3001) / 10_000;
}

export interface DayFigures {
  /** minor units */
  spendMinor: number;
  impressions: number;
  reach: number;
  clicks: number;
  leads: number;
}

const EMPTY: DayFigures = { spendMinor: 0, impressions: 0, reach: 0, clicks: 0, leads: 0 };

/** What one campaign did on one UTC day (`YYYY-MM-DD`), summed over its ad sets. */
export function campaignDay(world: World, campaignId: string, day: string, now: number): DayFigures {
  const start = Date.parse(`${day}T00:00:00Z`) / 1000;
  const campaign = world.campaigns.get(campaignId);
  const out = { ...EMPTY };
  for (const d of world.deliveries.values()) {
    if (d.campaignId !== campaignId) continue;
    const seconds = deliveredSeconds(d, start, start + 86_400, now);
    if (seconds <= 0) continue;
    const spendMinor = (d.dailyRate * PACING * seconds) / 86_400;
    const offset = currencyOffset(world.adAccounts.get(campaign?.adAccountId ?? '')?.currency ?? 'EUR');
    const c = d.profile.change && start >= d.profile.change.since ? d.profile.change : undefined;
    const cpm = d.profile.cpm * (c?.cpmFactor ?? 1);
    const impressions = Math.floor((spendMinor / offset / cpm) * 1000 * jitter(`${d.adsetId}:i:${day}`));
    const clicks = Math.round(
      impressions * d.profile.ctr * (c?.ctrFactor ?? 1) * jitter(`${d.adsetId}:c:${day}`),
    );
    const leads =
      campaign?.objective === 'OUTCOME_LEADS'
        ? Math.round(clicks * d.profile.leadRate * (c?.leadRateFactor ?? 1) * jitter(`${d.adsetId}:l:${day}`))
        : 0;
    out.spendMinor += spendMinor;
    out.impressions += impressions;
    out.reach += Math.round(impressions / 1.3);
    out.clicks += clicks;
    out.leads += leads;
  }
  return out;
}

/** Lifetime spend of a campaign in minor units, up to now. */
export function campaignSpendMinor(world: World, campaignId: string, now: number): number {
  let total = 0;
  for (const d of world.deliveries.values()) {
    if (d.campaignId !== campaignId) continue;
    total += (d.dailyRate * PACING * deliveredSeconds(d, 0, now, now)) / 86_400;
  }
  return total;
}

/** Meta writes money in major units with the currency's decimals, as a string. */
export function money(minor: number, currency: string): string {
  const offset = currencyOffset(currency);
  return (Math.round(minor) / offset).toFixed(offset === 1 ? 0 : 2);
}
