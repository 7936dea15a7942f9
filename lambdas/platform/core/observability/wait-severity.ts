/**
 * How severe a rate-limit wait is, for the `Severity` dimension: `at_limit` when Meta asked us to wait or a
 * usage bucket is at 90–95 % or more (the Graph client's and the ad-account pacer's upper steps), `slowing`
 * for the lower steps that only spread calls out. Sustained `at_limit` waits raise an alarm.
 */
import type { WAIT_SEVERITIES } from './metric-catalogue';

export type WaitSeverity = (typeof WAIT_SEVERITIES)[number];

const AT_LIMIT = new Set(['meta_asked_to_wait', 'throttled_by_meta', 'usage_above_95', 'usage_above_90']);

export function waitSeverity(reason: string): WaitSeverity {
  return AT_LIMIT.has(reason) ? 'at_limit' : 'slowing';
}
