import type { AwsCallObserver } from '../../adapters/aws-json/aws-json-client';

/**
 * How a function's AWS calls become X-Ray subsegments (platform/wiring/telemetry.ts `traced`): an SDK
 * client is wrapped; the JSON clients (adapters/aws-json) report each call to an observer.
 */
export interface Traced {
  sdk<C>(client: C): C;
  /** absent when tracing is off */
  calls?: AwsCallObserver;
}

export const untraced: Traced = { sdk: (client) => client };
