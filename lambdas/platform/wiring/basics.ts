/** What every function has in Lambda: the service's logger, its telemetry, the system clock and time-ordered ids. */
import { Logger } from '@aws-lambda-powertools/logger';
import { systemClock, timeOrderedIds } from '../adapters/system/clock-and-ids';
import { SERVICE_NAME } from '../core/observability/metric-catalogue';
import type { Env } from './env';
import type { Runtime } from './runtime';
import { lambdaTelemetry, powertoolsServiceName } from './telemetry';

export { SERVICE_NAME };

export function lambdaBasics(
  env: Env = process.env,
): Pick<Runtime, 'logger' | 'telemetry' | 'clock' | 'ids'> {
  const logger = new Logger({ serviceName: powertoolsServiceName(env) });
  return {
    logger,
    telemetry: lambdaTelemetry(env, logger),
    clock: systemClock,
    ids: timeOrderedIds(systemClock),
  };
}
