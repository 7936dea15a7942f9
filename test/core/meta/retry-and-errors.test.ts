import {
  MetaGraphError,
  MetaNetworkError,
  classifyGraphError,
} from '../../../lambdas/platform/core/graph/graph-error';
import { decideRetry } from '../../../lambdas/platform/core/graph/retry-policy';
import { readUsageHeaders } from '../../../lambdas/platform/core/graph/usage-headers';

const err = (status: number, code: number, subcode?: number, retryAfterMs: number | null = null) =>
  new MetaGraphError(status, { message: 'x', code, errorSubcode: subcode }, retryAfterMs);
const half = () => 0.5;

describe('Graph error classification', () => {
  it.each([
    [400, 190, 463, 'token', 'token_expired'],
    [400, 190, 458, 'token', 'app_removed_by_user'],
    [400, 190, undefined, 'token', 'token_invalid'],
    [400, 4, undefined, 'rate_limit', 'rate_limited_code_4'],
    [400, 17, undefined, 'rate_limit', 'rate_limited_code_17'],
    [400, 32, undefined, 'rate_limit', 'rate_limited_code_32'],
    [400, 613, undefined, 'rate_limit', 'rate_limited_code_613'],
    [400, 80004, undefined, 'rate_limit', 'rate_limited_code_80004'],
    [500, 1, undefined, 'transient', 'transient_code_1'],
    [500, 2, undefined, 'transient', 'transient_code_2'],
    [403, 200, undefined, 'permission', 'permission_missing_code_200'],
    [400, 100, undefined, 'invalid', 'rejected_code_100'],
    // Graph: "API Method" capability or permissions issue
    [400, 3, undefined, 'permission', 'permission_missing_code_3'],
    // Graph: 368 "temporarily blocked for policies violations" — a person must look, not a retry loop
    [400, 368, undefined, 'invalid', 'blocked_for_policy_code_368'],
    // business use case limits (80000–80099), e.g. a WhatsApp business account's
    [400, 80007, undefined, 'rate_limit', 'rate_limited_code_80007'],
    // WhatsApp Cloud API: AuthException, throughput, spam rate, pair rate, register/deregister rate
    [401, 0, undefined, 'token', 'token_invalid'],
    [400, 131048, undefined, 'rate_limit', 'rate_limited_code_131048'],
    [400, 133016, undefined, 'rate_limit', 'rate_limited_code_133016'],
    // WhatsApp Cloud API: something went wrong, service unavailable, maintenance, server unavailable
    [500, 131000, undefined, 'transient', 'transient_code_131000'],
    [503, 131016, undefined, 'transient', 'transient_code_131016'],
    [400, 131057, undefined, 'transient', 'transient_code_131057'],
    [503, 133004, undefined, 'transient', 'transient_code_133004'],
  ])('HTTP %s code %s/%s → %s (%s)', (status, code, subcode, category, reason) => {
    expect(classifyGraphError(status, { message: '', code, errorSubcode: subcode })).toEqual({
      category,
      reason,
    });
  });

  it.each([
    // "Cloud API message throughput has been reached": retry after a short wait
    [130429, 1_000],
    // "(business, consumer) pair rate limit": one message every 6 seconds to the same person
    [131056, 6_000],
  ])('WhatsApp %s is a rate limit with Meta’s least wait of %s ms', (code, minWaitMs) => {
    expect(classifyGraphError(400, { message: '', code })).toEqual({
      category: 'rate_limit',
      reason: `rate_limited_code_${code}`,
      minWaitMs,
    });
  });
});

describe('retry decisions', () => {
  it('retries transient errors and rate limits with growing backoff, then stops', () => {
    expect(decideRetry(err(500, 2), 1, { idempotent: true, random: half })).toEqual({
      retry: true,
      delayMs: 150,
      reason: 'transient_code_2',
    });
    expect(decideRetry(err(400, 17), 2, { idempotent: true, random: half })).toEqual({
      retry: true,
      delayMs: 300,
      reason: 'rate_limited_code_17',
    });
    expect(decideRetry(err(500, 2), 3, { idempotent: true })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'attempts_exhausted',
    });
  });

  it('waits as long as Meta says access returns, and hands long waits back to the queue', () => {
    expect(decideRetry(err(400, 4, undefined, 2_000), 1, { idempotent: true, random: half })).toMatchObject({
      retry: true,
      delayMs: 2_000,
    });
    expect(decideRetry(err(400, 4, undefined, 60_000), 1, { idempotent: true })).toEqual({
      retry: false,
      delayMs: 60_000,
      reason: 'rate_limited_wait_too_long',
    });
  });

  it('waits at least what Meta documents for a WhatsApp limit, beyond the backoff', () => {
    expect(decideRetry(err(400, 130429), 1, { idempotent: true, random: half })).toEqual({
      retry: true,
      delayMs: 1_000,
      reason: 'rate_limited_code_130429',
    });
    // one message every 6 s to the same person: longer than an inline wait, so back to the queue
    expect(decideRetry(err(400, 131056), 1, { idempotent: true, random: half })).toEqual({
      retry: false,
      delayMs: 6_000,
      reason: 'rate_limited_wait_too_long',
    });
  });

  it('does not retry a policy block (368): a person must look', () => {
    expect(decideRetry(err(400, 368), 1, { idempotent: true })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'blocked_for_policy_code_368',
    });
  });

  it('never retries token, permission or invalid-request errors', () => {
    expect(decideRetry(err(400, 190, 460), 1, { idempotent: true })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'password_changed',
    });
    expect(decideRetry(err(400, 100), 1, { idempotent: true })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'rejected_code_100',
    });
  });

  it('does not repeat a write whose outcome is unknown', () => {
    expect(decideRetry(new MetaNetworkError('t', true), 1, { idempotent: false })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'write_outcome_unknown',
    });
    expect(decideRetry(err(502, 2), 1, { idempotent: false })).toEqual({
      retry: false,
      delayMs: 0,
      reason: 'write_outcome_unknown',
    });
    expect(decideRetry(new MetaNetworkError('t', true), 1, { idempotent: true, random: half })).toMatchObject(
      { retry: true, reason: 'timeout' },
    );
  });
});

describe('usage headers', () => {
  it('reads the highest usage and the time to regain access', () => {
    const headers: Record<string, string> = {
      'x-app-usage': '{"call_count":12,"total_cputime":4,"total_time":7}',
      'x-business-use-case-usage':
        '{"123":[{"type":"pages","call_count":95,"total_cputime":3,"total_time":4,"estimated_time_to_regain_access":2}]}',
    };
    const usage = readUsageHeaders((n) => headers[n] ?? null);
    expect(usage.maxPercent).toBe(95);
    expect(usage.regainAccessMs).toBe(120_000);
    expect(usage.buckets).toContainEqual({
      header: 'x-business-use-case-usage',
      id: '123',
      type: 'pages',
      percent: 95,
      regainAccessMs: 120_000,
    });
  });

  it('ignores malformed headers instead of failing the call', () => {
    expect(readUsageHeaders((n) => (n === 'x-app-usage' ? 'not json' : null))).toEqual({
      maxPercent: 0,
      regainAccessMs: 0,
      buckets: [],
    });
  });
});
