/**
 * Meta reports how close a caller is to its limits in `X-App-Usage`, `X-Business-Use-Case-Usage` and
 * `X-Ad-Account-Usage`. We read them on every answer so a caller can slow down before Meta throttles it.
 */
export interface UsageReport {
  /** highest percentage seen in any bucket (0-100) */
  maxPercent: number;
  /** ms until access returns, from `estimated_time_to_regain_access` (minutes) or `reset_time_duration` (s) */
  regainAccessMs: number;
  /** one per bucket Meta reported; `regainAccessMs` where Meta said when that bucket opens again */
  buckets: Array<{ header: string; id?: string; type?: string; percent: number; regainAccessMs?: number }>;
}

type HeaderGetter = (name: string) => string | null;

function safeJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function readUsageHeaders(get: HeaderGetter): UsageReport {
  const buckets: UsageReport['buckets'] = [];
  let regainAccessMs = 0;

  const app = safeJson(get('x-app-usage')) as Record<string, unknown> | undefined;
  if (app && typeof app === 'object') {
    buckets.push({
      header: 'x-app-usage',
      percent: Math.max(num(app.call_count), num(app.total_cputime), num(app.total_time)),
    });
  }

  const buc = safeJson(get('x-business-use-case-usage')) as Record<string, unknown> | undefined;
  if (buc && typeof buc === 'object') {
    for (const [id, entries] of Object.entries(buc)) {
      if (!Array.isArray(entries)) continue;
      for (const e of entries as Array<Record<string, unknown>>) {
        buckets.push({
          header: 'x-business-use-case-usage',
          id,
          type: typeof e.type === 'string' ? e.type : undefined,
          percent: Math.max(num(e.call_count), num(e.total_cputime), num(e.total_time)),
          regainAccessMs: num(e.estimated_time_to_regain_access) * 60_000,
        });
        regainAccessMs = Math.max(regainAccessMs, num(e.estimated_time_to_regain_access) * 60_000);
      }
    }
  }

  const ad = safeJson(get('x-ad-account-usage')) as Record<string, unknown> | undefined;
  if (ad && typeof ad === 'object') {
    buckets.push({ header: 'x-ad-account-usage', percent: num(ad.acc_id_util_pct) });
    if (num(ad.acc_id_util_pct) >= 100)
      regainAccessMs = Math.max(regainAccessMs, num(ad.reset_time_duration) * 1000);
  }

  const insights = safeJson(get('x-fb-ads-insights-throttle')) as Record<string, unknown> | undefined;
  if (insights && typeof insights === 'object') {
    buckets.push({
      header: 'x-fb-ads-insights-throttle',
      percent: Math.max(num(insights.app_id_util_pct), num(insights.acc_id_util_pct)),
    });
  }

  return { maxPercent: buckets.reduce((m, b) => Math.max(m, b.percent), 0), regainAccessMs, buckets };
}
