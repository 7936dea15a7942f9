import { MetaGraphError, MetaNetworkError, classifyGraphError } from './graph-error';
import { GraphPausedError } from './graph-outage';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** a wait longer than this is not done in-process: the caller gives the work back to its queue */
  maxInlineWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxInlineWaitMs: 5_000,
};

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

/**
 * Whether to try a Graph call again. Only reads are retried blindly; a write whose answer was lost may
 * have happened at Meta, so the caller must read back first (`idempotent: false`).
 */
export function decideRetry(
  error: unknown,
  attempt: number,
  opts: { idempotent: boolean; policy?: RetryPolicy; random?: () => number },
): RetryDecision {
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  const random = opts.random ?? Math.random;
  // nothing was sent, and the pause outlasts any wait worth sleeping through
  if (error instanceof GraphPausedError)
    return { retry: false, delayMs: error.retryAfterMs ?? 0, reason: 'graph_paused' };
  if (attempt >= policy.maxAttempts) return { retry: false, delayMs: 0, reason: 'attempts_exhausted' };
  // full jitter: spreads retries of many workers hitting the same throttled Page
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(backoff / 2 + random() * (backoff / 2));

  if (error instanceof MetaNetworkError) {
    if (!opts.idempotent) return { retry: false, delayMs: 0, reason: 'write_outcome_unknown' };
    return { retry: true, delayMs: jittered, reason: error.timedOut ? 'timeout' : 'network_error' };
  }
  if (!(error instanceof MetaGraphError)) return { retry: false, delayMs: 0, reason: 'not_a_graph_error' };
  const cls = classifyGraphError(error.httpStatus, error.body);
  if (cls.category === 'rate_limit') {
    const wait = Math.max(jittered, error.retryAfterMs ?? 0, cls.minWaitMs ?? 0);
    if (wait > policy.maxInlineWaitMs)
      return { retry: false, delayMs: wait, reason: 'rate_limited_wait_too_long' };
    return { retry: true, delayMs: wait, reason: cls.reason };
  }
  if (cls.category === 'transient') {
    if (!opts.idempotent && error.httpStatus >= 500)
      return { retry: false, delayMs: 0, reason: 'write_outcome_unknown' };
    return { retry: true, delayMs: jittered, reason: cls.reason };
  }
  return { retry: false, delayMs: 0, reason: cls.reason };
}
