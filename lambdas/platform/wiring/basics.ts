/** What every function has in Lambda: the service's logger, the system clock and time-ordered ids. */
import { Logger } from '@aws-lambda-powertools/logger';
import { systemClock, timeOrderedIds } from '../adapters/system/clock-and-ids';
import type { Runtime } from './runtime';

export const SERVICE_NAME = 'meta-connector';

export function lambdaBasics(): Pick<Runtime, 'logger' | 'clock' | 'ids'> {
  return {
    logger: new Logger({ serviceName: SERVICE_NAME }),
    clock: systemClock,
    ids: timeOrderedIds(systemClock),
  };
}
