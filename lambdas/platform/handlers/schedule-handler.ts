import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { observed, type Telemetry } from './telemetry';

export type ScheduleLambda = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** A scheduled job: runs, logs a summary (never payloads), and lets a thrown error fail the invocation. */
export function scheduleHandler<T>(
  deps: { logger: Logger; telemetry: Telemetry },
  name: string,
  run: () => Promise<T>,
  summarize: (r: T) => Record<string, unknown>,
) {
  const base = async () => {
    const started = Date.now();
    const result = await run();
    deps.logger.info('scheduled job done', { job: name, ms: Date.now() - started, ...summarize(result) });
    return summarize(result);
  };
  return observed(middy(base), deps) as unknown as ScheduleLambda;
}
