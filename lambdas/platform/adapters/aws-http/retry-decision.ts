/**
 * Whether a failed AWS call is tried again, and after how long: the SDK's standard retry mode
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): at most 3 attempts;
 * throttling, transient failures (timeouts, 500/502/503/504, dropped connections) and other server
 * errors are retried, after a full-jitter exponential wait (base 100 ms, 500 ms when throttled, at most
 * 20 s). A client error (a refused input, missing permission) is final at once.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import type { AwsCallError } from './aws-call-error';

export const MAX_ATTEMPTS = 3;
const BASE_MS = 100;
const THROTTLED_BASE_MS = 500;
const MAX_DELAY_MS = 20_000;

export type RetryDecision =
  | { retry: true; delayMs: number; reason: 'throttled' | 'transient' | 'server_error' }
  | { retry: false; reason: 'not_retryable' | 'attempts_exhausted' };

/** `attempt` is the number of the attempt that failed, from 1. */
export function retryDecision(
  error: AwsCallError,
  attempt: number,
  maxAttempts = MAX_ATTEMPTS,
  random: () => number = Math.random,
): RetryDecision {
  const reason = isThrottlingError(error)
    ? 'throttled'
    : isTransientError(error)
      ? 'transient'
      : isServerError(error)
        ? 'server_error'
        : undefined;
  if (!reason) return { retry: false, reason: 'not_retryable' };
  if (attempt >= maxAttempts) return { retry: false, reason: 'attempts_exhausted' };
  const base = reason === 'throttled' ? THROTTLED_BASE_MS : BASE_MS;
  return { retry: true, reason, delayMs: Math.floor(random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt)) };
}
