/** Pacing an ad account by the usage Meta reports about it, and remembering it between jobs. */
import { RecordingMetrics } from '../support/recording-metrics';
import {
  accountUsage,
  adAccountPacer,
  paceFromError,
  paceFromUsage,
  type AdAccountPaceStore,
  type PaceState,
} from '../../lambdas/platform/core/graph/ad-account-pace';
import { readUsageHeaders } from '../../lambdas/platform/core/graph/usage-headers';
import { MetaGraphError } from '../../lambdas/platform/core/graph/graph-error';

const headers = (h: Record<string, unknown>) =>
  readUsageHeaders((name) => (h[name] === undefined ? null : JSON.stringify(h[name])));
const buc = (id: string, type: string, pct: number, regainMin = 0) => ({
  'x-business-use-case-usage': {
    [id]: [
      { type, call_count: pct, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: regainMin },
    ],
  },
});

describe('deciding the pause from the headers', () => {
  it.each([
    [buc('1029', 'ads_management', 10), 'usage_ok', 0],
    [buc('1029', 'ads_management', 80), 'usage_above_75', 1_000],
    [buc('1029', 'ads_management', 95), 'usage_above_90', 15_000],
    [buc('1029', 'ads_management', 100), 'meta_asked_to_wait', 60_000],
    [buc('1029', 'ads_management', 40, 3), 'meta_asked_to_wait', 180_000],
    [{ 'x-ad-account-usage': { acc_id_util_pct: 91, reset_time_duration: 0 } }, 'usage_above_90', 15_000],
  ])('%j → %s', (h, reason, waitMs) => {
    expect(paceFromUsage(headers(h), 'act_1029', 'ads_management')).toMatchObject({ reason, waitMs });
  });

  it("counts only this account's bucket of the right kind", () => {
    expect(
      accountUsage(headers(buc('5555', 'ads_management', 99)), 'act_1029', 'ads_management').percent,
    ).toBe(0);
    expect(accountUsage(headers(buc('1029', 'ads_insights', 99)), 'act_1029', 'ads_management').percent).toBe(
      0,
    );
    expect(accountUsage(headers(buc('1029', 'ads_insights', 99)), 'act_1029', 'ads_insights').percent).toBe(
      99,
    );
    const insights = headers({ 'x-fb-ads-insights-throttle': { app_id_util_pct: 10, acc_id_util_pct: 85 } });
    expect(paceFromUsage(insights, 'act_1029', 'ads_insights')).toMatchObject({
      reason: 'usage_above_75',
      percent: 85,
    });
    expect(paceFromUsage(insights, 'act_1029', 'ads_management').reason).toBe('usage_ok');
  });

  it('a throttle error waits what Meta said, or a minute; other errors are not about pace', () => {
    const throttled = new MetaGraphError(
      400,
      { code: 80004, errorSubcode: 2446079, message: 'too many calls' },
      120_000,
    );
    expect(paceFromError(throttled)).toEqual({ waitMs: 120_000, reason: 'throttled_by_meta', percent: 100 });
    expect(paceFromError(new MetaGraphError(400, { code: 17, message: 'user limit' }))?.waitMs).toBe(60_000);
    expect(paceFromError(new MetaGraphError(400, { code: 100, message: 'bad' }))).toBeNull();
  });
});

describe('a job paced by the account', () => {
  const setup = () => {
    let t = Date.parse('2026-11-25T10:00:00Z');
    const stored = new Map<string, PaceState>();
    const paces: AdAccountPaceStore = {
      get: async (tenant, account, bucket) => stored.get(`${tenant}:${account}:${bucket}`),
      put: async (tenant, _c, account, bucket, s) => void stored.set(`${tenant}:${account}:${bucket}`, s),
    };
    const slept: number[] = [];
    const metrics = new RecordingMetrics();
    const deps = {
      clock: { now: () => new Date(t) },
      paces,
      metrics,
      sleep: async (ms: number) => {
        slept.push(ms);
        t += ms;
      },
    };
    const at = {
      tenantId: 't',
      connectionId: 'c',
      adAccountId: 'act_1029',
      bucket: 'ads_management' as const,
    };
    return { deps, at, slept, stored, metrics, advance: (ms: number) => (t += ms) };
  };

  it('sleeps a short pause, hands a long one back, and shares it with the next job', async () => {
    const { deps, at, slept, metrics } = setup();
    const pacer = adAccountPacer(deps, at);
    pacer.observe(headers(buc('1029', 'ads_management', 80)));
    expect(await pacer.settle()).toEqual({ go: true, waitedMs: 1_000 });
    expect(slept).toEqual([1_000]);
    pacer.observe(headers(buc('1029', 'ads_management', 95)));
    expect(await pacer.settle()).toMatchObject({
      go: false,
      waitMs: 15_000,
      reason: 'usage_above_90',
      percent: 95,
    });
    expect(pacer.strongest()).toMatchObject({ reason: 'usage_above_90', waitMs: 15_000 });
    // another job on the same account, a moment later, is held back too
    const next = adAccountPacer(deps, at);
    expect(await next.settle()).toMatchObject({ go: false, reason: 'usage_above_90' });
    // each wait counted, by how close the account is to its limit, never by which account
    expect(metrics.byDimensions('graphRateLimitWaits')).toEqual([
      { dimensions: { Scope: 'ad_account', Severity: 'slowing' }, total: 1 },
      { dimensions: { Scope: 'ad_account', Severity: 'at_limit' }, total: 2 },
    ]);
    expect(metrics.total('graphRateLimitWaitTime', { Severity: 'slowing' })).toBe(1_000);
  });

  it('lets the job go once the pause is over', async () => {
    const { deps, at, advance } = setup();
    const pacer = adAccountPacer(deps, at);
    pacer.observe(headers(buc('1029', 'ads_management', 95)));
    await pacer.settle();
    advance(15_001);
    expect(await adAccountPacer(deps, at).settle()).toEqual({ go: true, waitedMs: 0 });
  });
});
