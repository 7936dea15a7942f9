import type { AwsCallObserver } from '../../adapters/aws-http/retried-call';

/**
 * How a function's AWS calls become X-Ray subsegments (platform/wiring/telemetry.ts `traced`): an SDK
 * client is wrapped; the JSON clients (adapters/aws-http) report each call to an observer.
 */
export interface Traced {
  sdk<C>(client: C): C;
  /** absent when tracing is off */
  calls?: AwsCallObserver;
}

export const untraced: Traced = { sdk: (client) => client };
