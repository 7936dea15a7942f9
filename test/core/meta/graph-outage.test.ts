import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import {
  DEFAULT_OUTAGE_POLICY,
  GraphOutageTracker,
  GraphPausedError,
  outageSignal,
  scaleOutagePolicy,
} from '../../../lambdas/platform/core/graph/graph-outage';
import { GraphPauseGate, type GraphPauseStore } from '../../../lambdas/platform/core/graph/graph-pause';
import type { GraphPause } from '../../../lambdas/platform/core/graph/graph-outage';

const down = () => new MetaGraphError(500, { message: 'x', code: 2 });
const T0 = 1_000_000;

/** eight failures over three paths, spread over six seconds */
function failEverything(t: GraphOutageTracker, startMs = T0) {
  const outcomes = [];
  for (let i = 0; i < 8; i++) outcomes.push(t.failed(down(), `/lead-${i % 3}`, startMs + i * 750));
  return outcomes;
}

describe('Graph outage: when the whole app pauses', () => {
  it('pauses once every call has failed for a while across several objects, and says why', () => {
    const t = new GraphOutageTracker();
    const outcomes = failEverything(t);
    expect(outcomes.slice(0, 7).every((o) => o.change === 'none' && o.reason === 'streak_too_short')).toBe(
      true,
    );
    expect(outcomes[7]).toEqual({
      change: 'paused',
      reason: 'graph_failing',
      pause: {
        untilMs: T0 + 5250 + 5000,
        sinceMs: T0,
        level: 0,
        reason: 'graph_failing',
        cause: 'transient_code_2',
      },
    });
    expect(t.check(T0 + 6000)).toMatchObject({ go: false, reason: 'paused', waitMs: 4250 });
  });

  it('one broken object never pauses the app, nor does a burst of failures under partial failure', () => {
    const one = new GraphOutageTracker();
    for (let i = 0; i < 50; i++) one.failed(down(), '/123', T0 + i * 1000);
    expect(one.current()).toBeNull();

    const flaky = new GraphOutageTracker();
    for (let i = 0; i < 200; i++) {
      // 30% fail; every success resets the streak
      if (i % 10 < 3) flaky.failed(down(), `/lead-${i}`, T0 + i * 20);
      else flaky.answered(T0 + i * 20);
    }
    expect(flaky.current()).toBeNull();
  });

  it("a refusal that is about the call (token, parameter) proves Meta is up; code 4 pauses at once for Meta's wait", () => {
    const t = new GraphOutageTracker();
    for (let i = 0; i < 7; i++) t.failed(down(), `/x${i}`, T0 + i * 1000);
    expect(t.failed(new MetaGraphError(400, { message: 'x', code: 190 }), '/x', T0 + 7000)).toEqual({
      change: 'none',
      reason: 'healthy',
    });
    expect(t.failed(down(), '/y', T0 + 8000)).toMatchObject({ change: 'none', reason: 'streak_too_short' });

    const limited = new GraphOutageTracker();
    expect(
      limited.failed(new MetaGraphError(400, { message: 'x', code: 4 }, 120_000), '/me', T0),
    ).toMatchObject({ change: 'paused', reason: 'app_rate_limited', pause: { untilMs: T0 + 120_000 } });
  });

  it("one object's own wait (a Page's limit) never stretches the app-wide pause", () => {
    const t = new GraphOutageTracker();
    let last;
    for (let i = 0; i < 8; i++)
      last = t.failed(
        new MetaGraphError(400, { message: 'x', code: 32 }, 3_600_000),
        `/p${i % 3}`,
        T0 + i * 750,
      );
    expect(last).toMatchObject({ change: 'paused', pause: { untilMs: T0 + 5250 + 5000 } });
  });

  it('after the pause one probe goes out; a failed probe pauses longer, a success ends it', () => {
    const t = new GraphOutageTracker();
    failEverything(t);
    const until = t.current()!.untilMs;
    expect(t.check(until)).toEqual({ go: true, reason: 'probe' });
    expect(t.check(until + 1)).toMatchObject({ go: false, reason: 'probe_in_flight' });
    expect(t.failed(down(), '/lead-9', until + 100)).toMatchObject({
      change: 'paused',
      reason: 'probe_failed',
      pause: { level: 1, untilMs: until + 100 + 10_000, sinceMs: T0 },
    });
    const next = t.current()!.untilMs;
    expect(t.check(next)).toEqual({ go: true, reason: 'probe' });
    expect(t.answered(next + 50)).toEqual({
      change: 'recovered',
      reason: 'meta_answered',
      pausedForMs: next + 50 - T0,
    });
    expect(t.check(next + 60)).toEqual({ go: true, reason: 'healthy' });
  });

  it('a probe that never reached Meta lets the next call probe', () => {
    const t = new GraphOutageTracker();
    failEverything(t);
    const until = t.current()!.untilMs;
    expect(t.check(until)).toMatchObject({ go: true, reason: 'probe' });
    t.released();
    expect(t.check(until + 1)).toMatchObject({ go: true, reason: 'probe' });
  });

  it('runs on a faster clock when scaled', () => {
    const fast = scaleOutagePolicy(DEFAULT_OUTAGE_POLICY, 0.01);
    expect(fast).toMatchObject({ minStreakMs: 50, pauseStepsMs: [50, 100, 200], minFailures: 8 });
  });

  it('reads which failures speak for the whole API', () => {
    expect(outageSignal(new MetaNetworkError('x', false))).toEqual({
      kind: 'outage',
      cause: 'network_error',
      waitMs: null,
    });
    expect(outageSignal(new MetaGraphError(400, { message: 'x', code: 613 }, 60_000))).toEqual({
      kind: 'outage',
      cause: 'rate_limited_code_613',
      waitMs: 60_000,
    });
    expect(outageSignal(new MetaGraphError(400, { message: 'x', code: 100 }))).toBeNull();
    expect(outageSignal(new Error('dynamo'))).toBeNull();
  });
});

class MemoryPauseStore implements GraphPauseStore {
  pause: GraphPause | undefined;
  writes = 0;
  async get() {
    return this.pause;
  }
  async put(p: GraphPause) {
    this.pause = p;
    this.writes++;
  }
  async clear() {
    this.pause = undefined;
    this.writes++;
  }
}

describe('the shared pause', () => {
  it('a pause one worker finds stops every worker, and a recovery one finds frees them all', async () => {
    const store = new MemoryPauseStore();
    let now = T0;
    const clock = { now: () => new Date(now) };
    const a = new GraphPauseGate({ store, clock, refreshMs: 1000 });
    const b = new GraphPauseGate({ store, clock, refreshMs: 1000 });
    for (let i = 0; i < 8; i++) {
      now = T0 + i * 750;
      await a.before(`/lead-${i}`);
      await a.after(`/lead-${i % 3}`, down());
    }
    expect(store.pause).toMatchObject({ reason: 'graph_failing', level: 0 });

    now += 1500;
    await expect(b.before('/other')).rejects.toBeInstanceOf(GraphPausedError);
    await expect(b.before('/other')).rejects.toMatchObject({ retryAfterMs: expect.any(Number), code: 2 });

    // B's probe after the pause succeeds and clears the store; A adopts the recovery at its next read
    now = store.pause!.untilMs + 10;
    await b.before('/probe');
    await b.after('/probe');
    expect(store.pause).toBeUndefined();
    now += 1000;
    await expect(a.before('/lead-1')).resolves.toBeUndefined();
    expect(a.current()).toBeNull();
  });
});
