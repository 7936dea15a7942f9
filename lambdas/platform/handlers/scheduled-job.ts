/**
 * A scheduled job's handler module, declared once. Every job is the same composition: its runtime builds
 * the use case's dependencies (once per container), the use case runs, a summary of its result is logged
 * (scheduleHandler), and the Lambda export builds the runtime from the environment on first call
 * (lambdaHandler). A job's module says only what differs: its name, its runtime, its dependencies, its use
 * case and its summary, and exports the three names the local runtime, the tests and the stack rely on.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Env } from '../wiring/env';
import { lambdaExports } from '../wiring/lambda-handler';
import { scheduleHandler, type ScheduleLambda } from './schedule-handler';
import type { Telemetry } from './telemetry';

export interface ScheduledJobSpec<R extends { logger: Logger; telemetry: Telemetry }, D, T> {
  /** the job's name in the topology: the summary log line carries it */
  name: string;
  /** builds the function's runtime from the environment the stack sets (test/infra checks the two agree) */
  awsRuntime: (env?: Env) => R;
  /** the use case's dependencies, built from the runtime once per container */
  deps: (rt: R) => D;
  /** the use case one invocation runs */
  run: (deps: D) => Promise<T>;
  /** what the log line (and the invocation's result) says of a run: counts, never payloads */
  summarize: (result: T) => Record<string, unknown>;
}

export interface ScheduledJobModule<R> {
  /** the handler over a given runtime: what the local runtime and tests call */
  createHandler: (rt: R) => ScheduleLambda;
  awsRuntime: (env?: Env) => R;
  /** the Lambda export */
  handler: ScheduleLambda;
}

export function scheduledJob<R extends { logger: Logger; telemetry: Telemetry }, D, T>(
  spec: ScheduledJobSpec<R, D, T>,
): ScheduledJobModule<R> {
  const createHandler = (rt: R): ScheduleLambda => {
    const deps = spec.deps(rt);
    return scheduleHandler(rt, spec.name, () => spec.run(deps), spec.summarize);
  };
  return { createHandler, ...lambdaExports(spec.awsRuntime, createHandler) };
}
