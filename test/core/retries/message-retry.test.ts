import * as z from 'zod';
import { DomainError } from '../../../lambdas/platform/core/errors';
import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import { GraphPausedError } from '../../../lambdas/platform/core/graph/graph-outage';
import {
  MAX_HOLD_MS,
  DEAD_LETTER_MARK_MS,
  classifyFailure,
  decideBeforeRun,
  decideMessageRetry,
  scheduleCoverSeconds,
  type MessageDelivery,
  type RetrySchedule,
} from '../../../lambdas/platform/core/retries/message-retry';
import { QUEUES, retryScheduleOf } from '../../../lambdas/app/topology';

const schedule: RetrySchedule = {
  stepsSeconds: [2, 10, 30, 120, 600, 1800, 1800],
  maxAttempts: 8,
  jitter: 0.2,
};
const NOW = Date.parse('2026-11-01T12:00:00Z');
const delivery = (
  receiveCount: number,
  heldSinceMs: number | null = null,
  deadLetter: MessageDelivery['deadLetter'] = null,
): MessageDelivery => ({ receiveCount, heldSinceMs, deadLetter });
const graphError = (status: number, code: number, retryAfterMs: number | null = null) =>
  new MetaGraphError(status, { message: 'x', code }, retryAfterMs);
const pause = {
  untilMs: NOW + 10_000,
  sinceMs: NOW - 60_000,
  level: 1,
  reason: 'graph_failing' as const,
  cause: 'transient_code_2',
};
const mid = () => 0.5;

describe('when a failed queue message comes back', () => {
  it('a retryable failure comes back after the schedule step of its attempt, not the visibility timeout', () => {
    expect(
      decideMessageRetry(graphError(500, 2), { schedule, delivery: delivery(1), nowMs: NOW, random: mid }),
    ).toEqual({ action: 'retry', delaySeconds: 2, reason: 'backoff', cause: 'transient_code_2', attempt: 1 });
    expect(
      decideMessageRetry(new MetaNetworkError('no answer', true), {
        schedule,
        delivery: delivery(4),
        nowMs: NOW,
        random: mid,
      }),
    ).toEqual({ action: 'retry', delaySeconds: 120, reason: 'backoff', cause: 'meta_timeout', attempt: 4 });
    // the last step repeats
    expect(
      decideMessageRetry(graphError(500, 1), { schedule, delivery: delivery(7), nowMs: NOW, random: mid }),
    ).toMatchObject({ action: 'retry', delaySeconds: 1800, attempt: 7 });
  });

  it('spreads the steps by the jitter, in whole seconds and never zero', () => {
    const low = decideMessageRetry(graphError(500, 2), {
      schedule,
      delivery: delivery(3),
      nowMs: NOW,
      random: () => 0,
    });
    const high = decideMessageRetry(graphError(500, 2), {
      schedule,
      delivery: delivery(3),
      nowMs: NOW,
      random: () => 0.999,
    });
    expect(low).toMatchObject({ delaySeconds: 24 });
    expect(high).toMatchObject({ delaySeconds: 36 });
    const scaled = decideMessageRetry(graphError(500, 2), {
      schedule,
      delivery: delivery(1),
      nowMs: NOW,
      timeScale: 0.001,
      random: () => 0,
    });
    expect(scaled).toMatchObject({ action: 'retry', delaySeconds: 1, reason: 'backoff' });
  });

  it("honours Meta's own wait over the schedule, on Meta's clock", () => {
    expect(
      decideMessageRetry(graphError(400, 613, 300_000), {
        schedule,
        delivery: delivery(1),
        nowMs: NOW,
        timeScale: 0.001,
        random: mid,
      }),
    ).toEqual({
      action: 'retry',
      delaySeconds: 300,
      reason: 'meta_asked_to_wait',
      cause: 'rate_limited_code_613',
      attempt: 1,
    });
    // a wait Meta documents for the limit (WhatsApp's pair rate: one message every 6 s)
    expect(
      decideMessageRetry(graphError(400, 131056), {
        schedule,
        delivery: delivery(1),
        nowMs: NOW,
        random: mid,
      }),
    ).toMatchObject({ action: 'retry', delaySeconds: 6, reason: 'meta_asked_to_wait' });
    // shorter than the step: Meta still wins
    expect(
      decideMessageRetry(graphError(400, 32, 4_500), {
        schedule,
        delivery: delivery(5),
        nowMs: NOW,
        random: mid,
      }),
    ).toMatchObject({ action: 'retry', delaySeconds: 5, reason: 'meta_asked_to_wait' });
  });

  it('a permanent error goes on to the DLQ at once, and the marked copy is never run again', () => {
    for (const [err, cause] of [
      [graphError(400, 100), 'meta_refused_rejected_code_100'],
      [graphError(400, 190), 'meta_refused_token_invalid'],
      [graphError(403, 200), 'meta_refused_permission_missing_code_200'],
      [new z.ZodError([]), 'message_unreadable'],
      [new SyntaxError('Unexpected token'), 'message_unreadable'],
      [new DomainError('validation', 'bad', 'caption_too_long'), 'caption_too_long'],
    ] as const) {
      expect(decideMessageRetry(err, { schedule, delivery: delivery(1), nowMs: NOW, random: mid })).toEqual({
        action: 'dead_letter',
        via: 'mark',
        delaySeconds: 0,
        reason: 'permanent_error',
        cause,
        attempt: 1,
      });
    }
    const marked = delivery(2, null, { reason: 'message_unreadable', atMs: NOW - 1000 });
    expect(decideBeforeRun(marked, NOW)).toEqual({
      action: 'dead_letter',
      via: 'release',
      delaySeconds: 0,
      reason: 'marked_for_dead_letter',
      cause: 'message_unreadable',
      attempt: 2,
    });
    expect(decideBeforeRun(delivery(1), NOW)).toBeNull();
    // a person redrove it from the DLQ later: it runs again
    expect(decideBeforeRun(marked, NOW + DEAD_LETTER_MARK_MS)).toBeNull();
  });

  it('the last attempt goes on to the DLQ without waiting another step', () => {
    expect(decideMessageRetry(graphError(500, 2), { schedule, delivery: delivery(8), nowMs: NOW })).toEqual({
      action: 'dead_letter',
      via: 'release',
      delaySeconds: 0,
      reason: 'attempts_exhausted',
      cause: 'transient_code_2',
      attempt: 8,
    });
  });

  it('a message that met a paused Graph API is held until the pause ends, without spending an attempt', () => {
    const err = new GraphPausedError(pause, 10_000);
    expect(decideMessageRetry(err, { schedule, delivery: delivery(3), nowMs: NOW, random: () => 0 })).toEqual(
      {
        action: 'hold',
        delaySeconds: 10,
        reason: 'graph_paused',
        cause: 'graph_paused',
        attempt: 3,
      },
    );
    // on its last attempt too: the outage is not the message's fault
    expect(
      decideMessageRetry(err, { schedule, delivery: delivery(8), nowMs: NOW, random: () => 0.999 }),
    ).toMatchObject({
      action: 'hold',
      delaySeconds: 12,
    });
    // held for a day: it follows its schedule again, so it can still reach a person
    expect(
      decideMessageRetry(err, { schedule, delivery: delivery(8, NOW - MAX_HOLD_MS), nowMs: NOW }),
    ).toMatchObject({ action: 'dead_letter', reason: 'attempts_exhausted', cause: 'graph_paused' });
  });

  it('classifies what a worker threw', () => {
    expect(classifyFailure(new Error('ECONNRESET from DynamoDB'))).toEqual({
      kind: 'retryable',
      reason: 'unexpected_error',
      metaWaitMs: null,
    });
    expect(classifyFailure(new DomainError('rate_limited', 'paused', 'usage_above_90'))).toEqual({
      kind: 'retryable',
      reason: 'usage_above_90',
      metaWaitMs: null,
    });
    expect(classifyFailure(graphError(400, 4, 60_000))).toEqual({
      kind: 'retryable',
      reason: 'rate_limited_code_4',
      metaWaitMs: 60_000,
    });
  });
});

describe('the queues in the topology', () => {
  it.each(QUEUES.map((q) => [q.name, q] as const))(
    '%s: schedule and maxReceiveCount cover at least an hour before the DLQ, within SQS limits',
    (_name, spec) => {
      const s = retryScheduleOf(spec);
      expect(scheduleCoverSeconds(s)).toBeGreaterThanOrEqual(3600);
      expect(s.maxAttempts).toBe(spec.maxReceiveCount);
      for (const step of s.stepsSeconds) {
        expect(step).toBeGreaterThan(0);
        expect(step * (1 + s.jitter)).toBeLessThanOrEqual(43_200);
      }
    },
  );

  it('the lead queue retries a passing error within seconds', () => {
    const lead = retryScheduleOf(QUEUES.find((q) => q.name === 'lead-fetch')!);
    expect(lead.stepsSeconds.slice(0, 3)).toEqual([2, 10, 30]);
    expect(scheduleCoverSeconds(lead)).toBe(2 + 10 + 30 + 120 + 600 + 1800 + 1800);
  });
});
