/**
 * What the Graph client tells about each HTTP exchange with Meta, for traces and metrics: the method and
 * the path with its ids taken out, then the status and Meta's error code. Never the token, the
 * `appsecret_proof` or the query: an observer cannot leak what it is not given.
 */
import type { Metrics } from '../../core/observability/metrics';

export interface GraphCall {
  method: string;
  /** `/{id}/leads` (core/meta/graph-path-template.ts) */
  pathTemplate: string;
  /** the same, with Meta's host and the pinned version: `https://graph.facebook.com/v26.0/{id}/leads` */
  urlTemplate: string;
}

export interface GraphCallResult {
  /** the HTTP status Meta answered; null when no answer came (timeout, connection refused) */
  status: number | null;
  /** Meta's error code from the answer's error object, if it had one */
  errorCode: number | null;
}

export interface GraphCallObserver {
  /** called as the request goes out; the function it returns is called once the answer is read */
  start(call: GraphCall): (result: GraphCallResult) => void;
}

/** Several observers as one (the Graph client takes one). */
export function observeGraphCalls(...observers: GraphCallObserver[]): GraphCallObserver {
  return {
    start(call) {
      const ends = observers.map((o) => o.start(call));
      return (result) => {
        for (const end of ends) end(result);
      };
    },
  };
}

/** `GraphCalls` by status and error code, and `GraphCallDuration` (metric-catalogue.ts). */
export function graphCallMetrics(
  metrics: Metrics,
  now: () => number = () => performance.now(),
): GraphCallObserver {
  return {
    start() {
      const started = now();
      return ({ status, errorCode }) => {
        metrics.count('graphCalls', {
          Status: status === null ? 'none' : String(status),
          ErrorCode: errorCode === null ? 'none' : boundedCode(errorCode),
        });
        metrics.timing('graphCallDuration', now() - started, {});
      };
    },
  };
}

/** Meta's codes are small integers (its error tables); anything else must not widen the dimension. */
function boundedCode(code: number): string {
  return Number.isInteger(code) && code >= 0 && code < 1_000_000 ? String(code) : 'other';
}
