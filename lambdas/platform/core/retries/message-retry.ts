/**
 * When a failed queue message comes back. SQS returns a failed message after the queue's visibility
 * timeout, which must stay above the function timeout (minutes), so the worker decides instead: a
 * retryable failure comes back after the next step of the queue's backoff schedule (with jitter), or
 * when Meta said access returns if it said so; a message that can never succeed goes on to the DLQ at
 * once, without running again; a message that met a paused Graph API is held until the pause ends
 * without spending one of its receives, so an outage of any length never sends it to the DLQ. Pure: the
 * caller applies it with ChangeMessageVisibility or a re-send, and every answer says why.
 */
import * as z from '../../contracts/zod';
import { DomainError } from '../errors';
import { MetaGraphError, MetaNetworkError, classifyGraphError } from '../graph/graph-error';
import { GraphPausedError } from '../graph/graph-outage';

export interface RetrySchedule {
  /** wait before attempt n+1 after attempt n failed, in seconds; the last step repeats */
  stepsSeconds: readonly number[];
  /** attempts before the DLQ: the queue's maxReceiveCount */
  maxAttempts: number;
  /** ± this fraction of each step, so messages that failed together do not all come back together */
  jitter: number;
}

/** SQS's ceiling for a message's visibility (12 hours). */
export const MAX_VISIBILITY_SECONDS = 43_200;
/** SQS's ceiling for a message's delay (15 minutes). */
export const MAX_DELAY_SECONDS = 900;
/** A message held by an outage longer than this follows its schedule again, so it can reach the DLQ. */
export const MAX_HOLD_MS = 24 * 3_600_000;

/** Seconds the schedule waits in total before its last attempt: what an outage may last unnoticed. */
export function scheduleCoverSeconds(s: RetrySchedule): number {
  let total = 0;
  for (let attempt = 1; attempt < s.maxAttempts; attempt++) total += stepSeconds(s, attempt);
  return total;
}

const stepSeconds = (s: RetrySchedule, attempt: number) =>
  s.stepsSeconds[Math.min(attempt - 1, s.stepsSeconds.length - 1)] ?? 0;

export type FailureClass =
  | { kind: 'paused'; reason: 'graph_paused'; waitMs: number }
  | { kind: 'retryable'; reason: string; metaWaitMs: number | null }
  | { kind: 'permanent'; reason: string };

/** What a worker's failure means for its message. */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof GraphPausedError)
    return { kind: 'paused', reason: 'graph_paused', waitMs: err.retryAfterMs ?? 0 };
  if (err instanceof MetaNetworkError)
    return {
      kind: 'retryable',
      reason: err.timedOut ? 'meta_timeout' : 'meta_unreachable',
      metaWaitMs: null,
    };
  if (err instanceof MetaGraphError) {
    const cls = classifyGraphError(err.httpStatus, err.body);
    // Meta's wait for this call, else the least wait Meta documents for the limit
    if (cls.category === 'rate_limit' || cls.category === 'transient')
      return { kind: 'retryable', reason: cls.reason, metaWaitMs: err.retryAfterMs ?? cls.minWaitMs ?? null };
    return { kind: 'permanent', reason: `meta_refused_${cls.reason}` };
  }
  // a body or detail that does not parse will not parse next time either
  if (err instanceof z.ZodError || err instanceof SyntaxError)
    return { kind: 'permanent', reason: 'message_unreadable' };
  if (err instanceof DomainError) {
    if (PERMANENT_KINDS.has(err.kind)) return { kind: 'permanent', reason: err.reason };
    return { kind: 'retryable', reason: err.reason, metaWaitMs: null };
  }
  // our storage or a bug: retrying is cheap, and the DLQ keeps it for a person after the last attempt
  return { kind: 'retryable', reason: 'unexpected_error', metaWaitMs: null };
}

const PERMANENT_KINDS = new Set<DomainError['kind']>([
  'validation',
  'not_found',
  'unauthorized',
  'forbidden',
  'gone',
]);

export interface MessageDelivery {
  /** SQS's ApproximateReceiveCount: the attempt this delivery is (1 = the first) */
  receiveCount: number;
  /** when an outage first held the message (epoch ms), if one did */
  heldSinceMs: number | null;
  /** a worker found the message can never succeed and sent it on its way to the DLQ */
  deadLetter: { reason: string; atMs: number } | null;
}

/**
 * How long a dead-letter mark holds. The marked copy spends its receives within seconds; a copy a person
 * redrives from the DLQ later runs again.
 */
export const DEAD_LETTER_MARK_MS = 5 * 60_000;

export type MessageRetryDecision =
  /** ChangeMessageVisibility to `delaySeconds` and report the message failed */
  | {
      action: 'retry';
      delaySeconds: number;
      reason: 'backoff' | 'meta_asked_to_wait';
      cause: string;
      attempt: number;
    }
  /** send a copy delayed by `delaySeconds` (its receives start afresh) and let this one go */
  | { action: 'hold'; delaySeconds: number; reason: 'graph_paused'; cause: string; attempt: number }
  /**
   * on to the DLQ: `mark` sends a marked copy whose receives are spent without running it again (a
   * permanent error); `release` makes this one visible at once, so SQS moves it at its next receive (its
   * last attempt failed, or it carries a fresh mark)
   */
  | {
      action: 'dead_letter';
      via: 'mark' | 'release';
      delaySeconds: 0;
      reason: 'permanent_error' | 'attempts_exhausted' | 'marked_for_dead_letter';
      cause: string;
      attempt: number;
    };

export interface RetryContext {
  schedule: RetrySchedule;
  delivery: MessageDelivery;
  nowMs: number;
  /** 1 in production; a test or benchmark may run the schedule on a faster clock */
  timeScale?: number;
  random?: () => number;
}

/** Before running a message: one marked for the DLQ a moment ago is not run again. */
export function decideBeforeRun(delivery: MessageDelivery, nowMs: number): MessageRetryDecision | null {
  const mark = delivery.deadLetter;
  if (!mark || nowMs - mark.atMs >= DEAD_LETTER_MARK_MS) return null;
  return {
    action: 'dead_letter',
    via: 'release',
    delaySeconds: 0,
    reason: 'marked_for_dead_letter',
    cause: mark.reason,
    attempt: delivery.receiveCount,
  };
}

export function decideMessageRetry(err: unknown, ctx: RetryContext): MessageRetryDecision {
  const { schedule, delivery } = ctx;
  const scale = ctx.timeScale ?? 1;
  const random = ctx.random ?? Math.random;
  const attempt = delivery.receiveCount;
  const failure = classifyFailure(err);
  if (failure.kind === 'permanent')
    return {
      action: 'dead_letter',
      via: 'mark',
      delaySeconds: 0,
      reason: 'permanent_error',
      cause: failure.reason,
      attempt,
    };
  if (failure.kind === 'paused' && withinHold(delivery, ctx.nowMs)) {
    // back a little after the pause ends, spread so the backlog does not return in one burst
    const seconds = (failure.waitMs / 1000) * (1 + random() * schedule.jitter);
    return {
      action: 'hold',
      delaySeconds: wholeSeconds(seconds, MAX_DELAY_SECONDS),
      reason: 'graph_paused',
      cause: failure.reason,
      attempt,
    };
  }
  if (attempt >= schedule.maxAttempts)
    return {
      action: 'dead_letter',
      via: 'release',
      delaySeconds: 0,
      reason: 'attempts_exhausted',
      cause: failure.reason,
      attempt,
    };
  const cause = failure.reason;
  const metaWaitMs = failure.kind === 'retryable' ? failure.metaWaitMs : null;
  if (metaWaitMs !== null && metaWaitMs > 0) {
    // Meta's own estimate wins over the schedule; it runs on Meta's clock, not a scaled one
    return {
      action: 'retry',
      delaySeconds: wholeSeconds(metaWaitMs / 1000, MAX_VISIBILITY_SECONDS),
      reason: 'meta_asked_to_wait',
      cause,
      attempt,
    };
  }
  const step = stepSeconds(schedule, attempt) * scale;
  const jittered = step * (1 + (random() * 2 - 1) * schedule.jitter);
  return {
    action: 'retry',
    delaySeconds: wholeSeconds(jittered, MAX_VISIBILITY_SECONDS),
    reason: 'backoff',
    cause,
    attempt,
  };
}

const withinHold = (d: MessageDelivery, nowMs: number) =>
  d.heldSinceMs === null || nowMs - d.heldSinceMs < MAX_HOLD_MS;

/** SQS takes whole seconds; a wait never rounds down to "now" unless it was zero. */
function wholeSeconds(seconds: number, max: number): number {
  if (!(seconds > 0)) return 0;
  return Math.min(max, Math.max(1, Math.ceil(seconds)));
}
