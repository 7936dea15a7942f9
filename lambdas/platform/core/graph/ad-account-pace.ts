/**
 * Pacing one ad account by what Meta says about it. The Marketing API limits each ad account on its own
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting): `X-Business-Use-Case-Usage` (keyed by the account, `ads_management` or
 * `ads_insights`, with `estimated_time_to_regain_access` in minutes), `X-Ad-Account-Usage` and
 * `X-FB-Ads-Insights-Throttle`. After each answer we decide how long that account's next call waits, and
 * remember it for the account, so every worker touching the account slows down, not just this one; a
 * wait too long to sleep through gives the job back to its queue. Each decision says why.
 */
import type { UsageReport } from './usage-headers';
import { MetaGraphError, classifyGraphError } from './graph-error';
import type { Clock } from '../ports';
import type { Metrics } from '../observability/metrics';
import { waitSeverity } from '../observability/wait-severity';

/** Told each Graph answer's usage headers (the client's `onUsage`). */
export type UsageObserver = (usage: UsageReport) => void;

export type AdsBucket = 'ads_management' | 'ads_insights';

export type PaceReason =
  'usage_ok' | 'usage_above_75' | 'usage_above_90' | 'meta_asked_to_wait' | 'throttled_by_meta';

export interface PaceDecision {
  waitMs: number;
  reason: PaceReason;
  /** the account's highest reported use of the bucket, 0–100 */
  percent: number;
}

/** How long the next call waits as the bucket fills; Meta's own estimate always wins. */
export const PACE_STEPS = { above75Ms: 1_000, above90Ms: 15_000, throttledMs: 60_000 } as const;

/** A wait up to this long is slept in the worker; a longer one re-queues the job with a delay. */
export const INLINE_WAIT_LIMIT_MS = 5_000;

const sameAccount = (bucketId: string | undefined, adAccountId: string) =>
  bucketId !== undefined && bucketId.replace(/^act_/, '') === adAccountId.replace(/^act_/, '');

/** The account's use of one bucket, from whichever of Meta's headers reported it. */
export function accountUsage(
  usage: UsageReport,
  adAccountId: string,
  bucket: AdsBucket,
): { percent: number; regainMs: number } {
  let percent = 0;
  let regainMs = 0;
  for (const b of usage.buckets) {
    const counts =
      (b.header === 'x-business-use-case-usage' &&
        sameAccount(b.id, adAccountId) &&
        (b.type === undefined || b.type === bucket)) ||
      (b.header === 'x-ad-account-usage' && bucket === 'ads_management') ||
      (b.header === 'x-fb-ads-insights-throttle' && bucket === 'ads_insights');
    if (!counts) continue;
    percent = Math.max(percent, b.percent);
    regainMs = Math.max(regainMs, b.regainAccessMs ?? 0);
  }
  return { percent, regainMs };
}

export function paceFromUsage(usage: UsageReport, adAccountId: string, bucket: AdsBucket): PaceDecision {
  const { percent, regainMs } = accountUsage(usage, adAccountId, bucket);
  if (regainMs > 0) return { waitMs: regainMs, reason: 'meta_asked_to_wait', percent };
  if (percent >= 100) return { waitMs: PACE_STEPS.throttledMs, reason: 'meta_asked_to_wait', percent };
  if (percent >= 90) return { waitMs: PACE_STEPS.above90Ms, reason: 'usage_above_90', percent };
  if (percent >= 75) return { waitMs: PACE_STEPS.above75Ms, reason: 'usage_above_75', percent };
  return { waitMs: 0, reason: 'usage_ok', percent };
}

/** Meta refused the call for the rate: wait what it said, or a minute. Null for any other failure. */
export function paceFromError(err: unknown): PaceDecision | null {
  if (!(err instanceof MetaGraphError)) return null;
  if (classifyGraphError(err.httpStatus, err.body).category !== 'rate_limit') return null;
  return { waitMs: err.retryAfterMs ?? PACE_STEPS.throttledMs, reason: 'throttled_by_meta', percent: 100 };
}

export interface PaceState {
  /** no call to this account's bucket before this ISO time */
  until: string;
  reason: PaceReason;
  percent: number;
  at: string;
}

/** Where an account's pause is remembered between jobs and workers. */
export interface AdAccountPaceStore {
  get(tenantId: string, adAccountId: string, bucket: AdsBucket): Promise<PaceState | undefined>;
  put(
    tenantId: string,
    connectionId: string,
    adAccountId: string,
    bucket: AdsBucket,
    state: PaceState,
  ): Promise<void>;
}

export interface PaceDeps {
  clock: Clock;
  paces: AdAccountPaceStore;
  sleep: (ms: number) => Promise<void>;
  metrics: Metrics;
}

/** What a job should do before its next call to the account. */
export type PaceOutcome =
  { go: true; waitedMs: number } | { go: false; waitMs: number; reason: PaceReason; percent: number };

/**
 * One job's view of one account's bucket: `observe` is handed to each Graph call; `settle` runs before the
 * next call, sleeping a short wait and returning a long one for the caller to re-queue the job.
 */
export function adAccountPacer(
  deps: PaceDeps,
  at: { tenantId: string; connectionId: string; adAccountId: string; bucket: AdsBucket },
) {
  let pending: PaceDecision | null = null;
  let strongest: (PaceDecision & { at: string }) | null = null;
  const remember = async (d: PaceDecision) => {
    const now = deps.clock.now();
    if (!strongest || d.waitMs >= strongest.waitMs) strongest = { ...d, at: now.toISOString() };
    if (d.waitMs <= 0) return;
    await deps.paces.put(at.tenantId, at.connectionId, at.adAccountId, at.bucket, {
      until: new Date(now.getTime() + d.waitMs).toISOString(),
      reason: d.reason,
      percent: d.percent,
      at: now.toISOString(),
    });
  };
  return {
    observe: (usage: UsageReport) => {
      pending = paceFromUsage(usage, at.adAccountId, at.bucket);
    },
    /** Meta refused for the rate: remember the pause so no job calls the account before it ends */
    async refused(err: unknown): Promise<PaceDecision | null> {
      const d = paceFromError(err);
      if (d) await remember(d);
      return d;
    },
    /** remembers what the last answer said, without waiting (a person's request must not sleep) */
    async record(): Promise<void> {
      if (pending) await remember(pending);
      pending = null;
    },
    async settle(): Promise<PaceOutcome> {
      if (pending) {
        await remember(pending);
        pending = null;
      }
      const stored = await deps.paces.get(at.tenantId, at.adAccountId, at.bucket);
      const waitMs = stored ? Date.parse(stored.until) - deps.clock.now().getTime() : 0;
      if (!stored || waitMs <= 0) return { go: true, waitedMs: 0 };
      const dims = { Scope: 'ad_account', Severity: waitSeverity(stored.reason) } as const;
      deps.metrics.count('graphRateLimitWaits', dims);
      deps.metrics.timing('graphRateLimitWaitTime', waitMs, dims);
      if (waitMs > INLINE_WAIT_LIMIT_MS)
        return { go: false, waitMs, reason: stored.reason, percent: stored.percent };
      await deps.sleep(waitMs);
      return { go: true, waitedMs: waitMs };
    },
    /** the decision that slowed this job most, to show on the record it concerns */
    strongest: () => strongest,
  };
}
