/**
 * Meta down for everyone, not for one object. When every Graph call fails (error 1/2, a 5xx, no answer,
 * or the rate limits 4/17/32/613 across many objects), calling again only burns the caller's retries:
 * the whole app pauses, one probe per pause finds out whether Meta is back, and the pause grows while
 * the probes keep failing. Meta limits per Page and per ad account in normal times
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/), so a failing object alone
 * never pauses the app: only a streak that spans several objects and some seconds does, or Meta's
 * application-level limit (code 4), which by definition covers every call of the app. Every decision
 * says why.
 */
import { MetaGraphError, MetaNetworkError, classifyGraphError } from './graph-error';

export interface GraphOutagePolicy {
  /** failures in a row (no answer from Meta in between) before the app pauses */
  minFailures: number;
  /** …spread over at least this many distinct paths, so one broken object never pauses the app */
  minDistinctPaths: number;
  /** …and lasting at least this long, so a burst of unlucky calls under partial failure does not */
  minStreakMs: number;
  /** how long each pause lasts while the probe after it keeps failing; the last one repeats */
  pauseStepsMs: readonly number[];
}

/**
 * The longest step bounds how late the service notices Meta is back; queue messages held during the
 * pause come back with it, so the backlog resumes within seconds of recovery.
 */
export const DEFAULT_OUTAGE_POLICY: GraphOutagePolicy = {
  minFailures: 8,
  minDistinctPaths: 3,
  minStreakMs: 5_000,
  pauseStepsMs: [5_000, 10_000, 20_000],
};

/** The same policy on a faster clock (`timeScale` 0.01 = a hundred times faster); 1 in production. */
export function scaleOutagePolicy(policy: GraphOutagePolicy, timeScale: number): GraphOutagePolicy {
  return {
    ...policy,
    minStreakMs: policy.minStreakMs * timeScale,
    pauseStepsMs: policy.pauseStepsMs.map((ms) => ms * timeScale),
  };
}

export type GraphPauseReason = 'graph_failing' | 'app_rate_limited' | 'probe_failed';

export interface GraphPause {
  /** no call before this time (epoch ms); after it, one probe */
  untilMs: number;
  /** when the streak that caused it began (epoch ms) */
  sinceMs: number;
  /** pauses in a row: the index into the policy's steps */
  level: number;
  reason: GraphPauseReason;
  /** the failure that decided it, e.g. `transient_code_2` */
  cause: string;
}

/** A call that was not sent because the Graph API is paused. Reads like Meta's own error 2. */
export class GraphPausedError extends MetaGraphError {
  constructor(
    readonly pause: GraphPause,
    waitMs: number,
  ) {
    super(
      503,
      {
        code: 2,
        message: `Not sent: the Graph API is paused after repeated failures (${pause.reason}, ${pause.cause})`,
        isTransient: true,
      },
      Math.max(0, Math.round(waitMs)),
    );
    this.name = 'GraphPausedError';
  }
}

export interface OutageSignal {
  /** `app_limit`: Meta throttles the whole app; `outage`: this call failed the way an outage fails */
  kind: 'outage' | 'app_limit';
  cause: string;
  /** what Meta said about when access returns, when it said so */
  waitMs: number | null;
}

/**
 * What a failed call says about the Graph API as a whole. Null for an answer that proves Meta is up
 * (a refused token, an invalid parameter, a missing permission): those are about the object or the
 * caller, and Meta answered.
 */
export function outageSignal(err: unknown): OutageSignal | null {
  if (err instanceof GraphPausedError) return null;
  if (err instanceof MetaNetworkError)
    return { kind: 'outage', cause: err.timedOut ? 'timeout' : 'network_error', waitMs: null };
  if (!(err instanceof MetaGraphError)) return null;
  const cls = classifyGraphError(err.httpStatus, err.body);
  // https://developers.facebook.com/docs/graph-api/guides/error-handling: 4 is the app's own limit
  if (err.code === 4) return { kind: 'app_limit', cause: cls.reason, waitMs: err.retryAfterMs };
  if (cls.category === 'rate_limit' || cls.category === 'transient')
    return { kind: 'outage', cause: cls.reason, waitMs: err.retryAfterMs };
  return null;
}

export type GateCheck =
  | { go: true; reason: 'healthy' | 'probe' }
  | { go: false; reason: 'paused' | 'probe_in_flight'; pause: GraphPause; waitMs: number };

export type OutageTransition =
  | { change: 'none'; reason: 'healthy' | 'streak_too_short' | 'paused_already' | 'not_an_outage' }
  | { change: 'paused'; reason: GraphPauseReason; pause: GraphPause }
  | { change: 'recovered'; reason: 'meta_answered'; pausedForMs: number };

/**
 * One process's view of the Graph API's health. Pure: time comes in as `nowMs`. The caller persists
 * `paused` and `recovered` transitions so every worker sees them ({@link adopt}).
 */
export class GraphOutageTracker {
  private streak: { startMs: number; failures: number; paths: Set<string> } | null = null;
  private pause: GraphPause | null = null;
  private probing = false;

  constructor(private readonly policy: GraphOutagePolicy = DEFAULT_OUTAGE_POLICY) {}

  current(): GraphPause | null {
    return this.pause;
  }

  /** May a call go out now? While paused, none; once the pause ends, one probe at a time. */
  check(nowMs: number): GateCheck {
    const p = this.pause;
    if (!p) return { go: true, reason: 'healthy' };
    if (nowMs < p.untilMs) return { go: false, reason: 'paused', pause: p, waitMs: p.untilMs - nowMs };
    if (this.probing) return { go: false, reason: 'probe_in_flight', pause: p, waitMs: this.stepMs(p.level) };
    this.probing = true;
    return { go: true, reason: 'probe' };
  }

  /** Meta answered (a success, or a refusal that is about the call, not about Meta). */
  answered(nowMs: number): OutageTransition {
    this.streak = null;
    this.probing = false;
    const p = this.pause;
    if (!p) return { change: 'none', reason: 'healthy' };
    this.pause = null;
    return { change: 'recovered', reason: 'meta_answered', pausedForMs: nowMs - p.sinceMs };
  }

  failed(err: unknown, path: string, nowMs: number): OutageTransition {
    const signal = outageSignal(err);
    if (!signal) {
      // a paused call never reached Meta and says nothing; any other answer proves Meta is up
      if (err instanceof GraphPausedError) return { change: 'none', reason: 'paused_already' };
      return this.answered(nowMs);
    }
    const s = (this.streak ??= { startMs: nowMs, failures: 0, paths: new Set() });
    s.failures++;
    if (s.paths.size < this.policy.minDistinctPaths) s.paths.add(path);

    if (this.pause) {
      if (!this.probing) return { change: 'none', reason: 'paused_already' };
      // the probe failed: the next pause is longer
      this.probing = false;
      return this.startPause(nowMs, this.pause.level + 1, 'probe_failed', signal, this.pause.sinceMs);
    }
    if (signal.kind === 'app_limit') return this.startPause(nowMs, 0, 'app_rate_limited', signal, s.startMs);
    const long = nowMs - s.startMs >= this.policy.minStreakMs;
    if (s.failures >= this.policy.minFailures && s.paths.size >= this.policy.minDistinctPaths && long)
      return this.startPause(nowMs, 0, 'graph_failing', signal, s.startMs);
    return { change: 'none', reason: 'streak_too_short' };
  }

  /** The call let through never reached Meta (it failed before sending): the next one probes. */
  released(): void {
    this.probing = false;
  }

  /** What another worker stored: a longer pause wins; a cleared one ends ours (its probe succeeded). */
  adopt(stored: GraphPause | null): void {
    if (!stored) {
      this.pause = null;
      this.probing = false;
      return;
    }
    if (!this.pause || stored.untilMs > this.pause.untilMs) this.pause = stored;
  }

  private startPause(
    nowMs: number,
    level: number,
    reason: GraphPauseReason,
    signal: OutageSignal,
    sinceMs: number,
  ): OutageTransition {
    // Meta's estimate for the app wins when it is longer than our step; an estimate for one Page or ad
    // account is that object's (its message waits it out), never the whole app's
    const metaWaitMs = signal.kind === 'app_limit' ? (signal.waitMs ?? 0) : 0;
    const waitMs = Math.max(this.stepMs(level), metaWaitMs);
    this.pause = { untilMs: nowMs + waitMs, sinceMs, level, reason, cause: signal.cause };
    return { change: 'paused', reason, pause: this.pause };
  }

  private stepMs(level: number): number {
    const steps = this.policy.pauseStepsMs;
    return steps[Math.min(level, steps.length - 1)] ?? 0;
  }
}
