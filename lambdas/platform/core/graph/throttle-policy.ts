/**
 * Slowing down before Meta throttles: after each answer, the usage Meta reports decides how long the
 * next call waits. Meta's own `estimated_time_to_regain_access` wins; otherwise the closer a bucket is to
 * 100 %, the longer the pause. Each decision says why.
 */
import type { UsageReport } from './usage-headers';

export interface ThrottleDecision {
  delayMs: number;
  reason: 'meta_asked_to_wait' | 'usage_above_95' | 'usage_above_80' | 'usage_ok';
}

export function throttleDelay(usage: UsageReport): ThrottleDecision {
  if (usage.regainAccessMs > 0) return { delayMs: usage.regainAccessMs, reason: 'meta_asked_to_wait' };
  if (usage.maxPercent >= 95) return { delayMs: 2_000, reason: 'usage_above_95' };
  if (usage.maxPercent >= 80) return { delayMs: 250, reason: 'usage_above_80' };
  return { delayMs: 0, reason: 'usage_ok' };
}
