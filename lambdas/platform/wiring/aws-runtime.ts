/**
 * A function's runtime in Lambda: the basics every function has (logger, telemetry, clock, ids), the
 * config parts it reads from its environment, and its AWS clients, each traced when tracing is on.
 */
import { lambdaBasics } from './basics';
import type { Traced } from './aws/traced';
import type { Env } from './env';
import type { PlatformClients, RetryClockConfig, Runtime } from './runtime';
import { traced } from './telemetry';

export function awsRuntimeOf<C, K extends keyof PlatformClients>(
  env: Env,
  config: (env: Env) => C,
  clients: (trace: Traced) => Pick<PlatformClients, K>,
): Runtime<C, K> {
  const basics = lambdaBasics(env);
  // retries run on the real clock in Lambda: RetryClockConfig stays unset
  return {
    ...basics,
    config: config(env) as C & RetryClockConfig,
    clients: clients(traced(basics.telemetry)),
  };
}
