/**
 * The Marketing API's own rate limits (https://developers.facebook.com/docs/graph-api/overview/rate-limiting): per ad account, an `ads_management` bucket
 * for reads and writes of ad objects and an `ads_insights` bucket for insights, each reported on every
 * answer about that account — `X-Business-Use-Case-Usage` (keyed by the account number, with
 * `estimated_time_to_regain_access` in minutes), `X-Ad-Account-Usage`, and `X-FB-Ads-Insights-Throttle`
 * on insights. Budgets per rolling hour follow Meta's Limited tier (300 + 40 × active ads; 600 + 400 ×
 * active ads) and can be shrunk or floored with `POST /_sim/ads-usage`; with `enforce`, a call at 100 %
 * gets Meta's throttle error (80004 or 80000, subcode 2446079).
 */
import { GraphError } from './graph-errors';
import type { World } from './world';

const WINDOW_MS = 3600_000;

export type AdsBucket = 'ads_management' | 'ads_insights';

export interface AdsCall {
  /** `act_<number>` */
  adAccountId: string;
  bucket: AdsBucket;
}

export interface AdsUsageSettings {
  /** base calls per hour of the ads_management bucket (Meta adds 40 per active ad) */
  managementBudget: number;
  /** base calls per hour of the ads_insights bucket (Meta adds 400 per active ad) */
  insightsBudget: number;
  /** reported percentages never go below this, to let tests make Meta look busy */
  floorPercent: number;
  /** throttle calls at 100 % instead of only reporting it */
  enforce: boolean;
}

export const DEFAULT_ADS_USAGE: AdsUsageSettings = {
  managementBudget: 300,
  insightsBudget: 600,
  floorPercent: 0,
  enforce: false,
};

/** Which ad account (and bucket) a Graph path concerns, if any. */
export function adsCallOf(world: World, path: string): AdsCall | null {
  const segments = path.split('/').filter(Boolean);
  const head = segments[0] ?? '';
  const insights = segments[1] === 'insights';
  if (world.adAccounts.has(head))
    return { adAccountId: head, bucket: insights ? 'ads_insights' : 'ads_management' };
  const run = world.reportRuns.get(head);
  if (run) {
    const account = accountOfObject(world, run.objectId);
    return account ? { adAccountId: account, bucket: 'ads_insights' } : null;
  }
  const account = accountOfObject(world, head);
  return account ? { adAccountId: account, bucket: insights ? 'ads_insights' : 'ads_management' } : null;
}

function accountOfObject(world: World, id: string): string | null {
  if (world.adAccounts.has(id)) return id;
  return (
    world.campaigns.get(id)?.adAccountId ??
    world.adSets.get(id)?.adAccountId ??
    world.ads.get(id)?.adAccountId ??
    world.creatives.get(id)?.adAccountId ??
    null
  );
}

export class AdsUsageMeter {
  settings: AdsUsageSettings = { ...DEFAULT_ADS_USAGE };
  private stamps = new Map<string, number[]>();

  reset(): void {
    this.settings = { ...DEFAULT_ADS_USAGE };
    this.stamps = new Map();
  }

  private counter(call: AdsCall): number[] {
    const key = `${call.adAccountId}:${call.bucket}`;
    let s = this.stamps.get(key);
    if (!s) {
      s = [];
      this.stamps.set(key, s);
    }
    return s;
  }

  private count(call: AdsCall, nowMs: number): number {
    const s = this.counter(call);
    while (s.length > 0 && (s[0] as number) <= nowMs - WINDOW_MS) s.shift();
    return s.length;
  }

  private budget(call: AdsCall, world: World): number {
    const activeAds = [...world.ads.values()].filter(
      (a) => a.adAccountId === call.adAccountId && a.status === 'ACTIVE',
    ).length;
    return call.bucket === 'ads_management'
      ? this.settings.managementBudget + 40 * activeAds
      : this.settings.insightsBudget + 400 * activeAds;
  }

  percent(call: AdsCall, nowMs: number, world: World): number {
    const raw = Math.ceil((this.count(call, nowMs) * 100) / Math.max(1, this.budget(call, world)));
    return Math.min(100, Math.max(this.settings.floorPercent, raw));
  }

  private minutesToRegain(call: AdsCall, nowMs: number): number {
    const oldest = this.counter(call)[0];
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 60_000));
  }

  /** Meta's throttle error for this call, when enforcing and the bucket is full; checked before counting */
  throttle(call: AdsCall, nowMs: number, world: World): GraphError | null {
    if (!this.settings.enforce || this.percent(call, nowMs, world) < 100) return null;
    return call.bucket === 'ads_management'
      ? new GraphError({
          code: 80004,
          subcode: 2446079,
          message:
            '(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
          userTitle: 'Too many calls to this ad account',
          userMsg: 'Wait a bit and try again.',
        })
      : new GraphError({
          code: 80000,
          subcode: 2446079,
          message:
            '(#80000) There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.',
        });
  }

  record(call: AdsCall, nowMs: number): void {
    this.counter(call).push(nowMs);
  }

  headers(call: AdsCall, nowMs: number, world: World, appPercent: number): Record<string, string> {
    const pct = this.percent(call, nowMs, world);
    const regain = pct >= 100 ? this.minutesToRegain(call, nowMs) : 0;
    const accountNumber = call.adAccountId.replace(/^act_/, '');
    const out: Record<string, string> = {
      'x-business-use-case-usage': JSON.stringify({
        [accountNumber]: [
          {
            type: call.bucket,
            call_count: pct,
            total_cputime: Math.ceil(pct * 0.6),
            total_time: Math.ceil(pct * 0.8),
            estimated_time_to_regain_access: regain,
            ads_api_access_tier: 'standard_access',
          },
        ],
      }),
    };
    if (call.bucket === 'ads_management') {
      out['x-ad-account-usage'] = JSON.stringify({
        acc_id_util_pct: pct,
        reset_time_duration: regain * 60,
        ads_api_access_tier: 'standard_access',
      });
    } else {
      out['x-fb-ads-insights-throttle'] = JSON.stringify({
        app_id_util_pct: appPercent,
        acc_id_util_pct: pct,
        ads_api_access_tier: 'standard_access',
      });
    }
    return out;
  }
}
