/**
 * EventBridge Scheduler/rules with rate expressions, locally: each SCHEDULES job runs at its rate, first
 * one period after start (as a new rate rule does), with the "Scheduled Event" the job receives in AWS.
 * A run still in progress makes the next tick skip rather than pile up (AWS would invoke concurrently;
 * locally that only hides slow jobs). `runNow` runs a job immediately, for tests and the control route.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { SCHEDULES, type ScheduleSpec } from '../../lambdas/app/topology';
import { handlerEntry } from '../../lambdas/platform/contracts/topology';
import { silentLog, type LocalLog } from '../log';
import { createLambdaContext } from '../lambda/lambda-context';
import type { HandlerLoader } from '../lambda/handler-loader';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-clients';

export type ScheduleHandler = (
  event: ScheduledEvent,
  context: ReturnType<typeof createLambdaContext>,
) => Promise<void>;

export interface SchedulerOptions {
  loader: HandlerLoader;
  /** default: topology SCHEDULES */
  schedules?: ScheduleSpec[];
  /** start the timers (default true); tests usually only call runNow */
  timers?: boolean;
  /** where a job's module is (default: the topology's, handlerEntry); tests point at fixtures */
  entryFor?: (spec: ScheduleSpec) => string;
  log?: LocalLog;
  /**
   * the job's function timeout as the stack sets it (lib/function-needs.ts): what the handler's context
   * reports as remaining, which middy enforces (default 30 s)
   */
  timeoutMsFor?: (spec: ScheduleSpec) => number | undefined;
}

export interface Scheduler {
  names(): string[];
  /** runs the job once now and resolves when it finishes (rejects if the job throws) */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export const scheduleEntry = (spec: ScheduleSpec): string => handlerEntry('schedule', spec.job);

/** `rate(5 minutes)` → 300000. Units as EventBridge spells them (singular for 1 is tolerated either way). */
export function parseRate(expression: string): number {
  const m = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression.trim());
  if (!m)
    throw new Error(`unsupported schedule expression ${JSON.stringify(expression)} (expected rate(N unit))`);
  const n = Number(m[1]);
  if (n < 1) throw new Error(`rate must be positive: ${expression}`);
  const unit = m[2]!.replace(/s$/, '');
  const ms = unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : 86_400_000;
  return n * ms;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const schedules = options.schedules ?? SCHEDULES;
  const log = options.log ?? silentLog;
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();

  const invoke = async (spec: ScheduleSpec) => {
    const handler = options.loader.get<ScheduleHandler>((options.entryFor ?? scheduleEntry)(spec));
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: LOCAL_ACCOUNT_ID,
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: LOCAL_REGION,
      resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/${spec.name}`],
      detail: {},
    };
    await handler(
      event,
      createLambdaContext({ functionName: `schedule-${spec.name}`, timeoutMs: options.timeoutMsFor?.(spec) }),
    );
  };

  const run = (spec: ScheduleSpec): Promise<void> => {
    const inFlight = running.get(spec.name);
    if (inFlight) return inFlight;
    const p = invoke(spec).finally(() => running.delete(spec.name));
    running.set(spec.name, p);
    return p;
  };

  if (options.timers ?? true) {
    for (const spec of schedules) {
      const period = parseRate(spec.rate);
      const timer = setInterval(() => {
        if (running.has(spec.name)) {
          log.warn('scheduler', `${spec.name}: previous run still in progress; skipping this tick`);
          return;
        }
        run(spec).catch((err) => log.error('scheduler', `${spec.name} failed`, err));
      }, period);
      timer.unref();
      timers.push(timer);
    }
  } else {
    schedules.forEach((s) => parseRate(s.rate)); // still reject a bad expression early
  }

  return {
    names: () => schedules.map((s) => s.name),
    runNow(name) {
      const spec = schedules.find((s) => s.name === name);
      if (!spec) return Promise.reject(new UnknownScheduleError(name));
      return run(spec);
    },
    async stop() {
      timers.splice(0).forEach(clearInterval);
      await Promise.allSettled([...running.values()]);
    },
  };
}

export class UnknownScheduleError extends Error {
  constructor(readonly schedule: string) {
    super(`unknown schedule ${schedule}`);
    this.name = 'UnknownScheduleError';
  }
}
