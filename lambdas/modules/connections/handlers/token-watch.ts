/** Daily: every connection's token inspected, refreshed, warned about or expired (core/watch-tokens.ts). */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { watchTokens } from '../core/watch-tokens';
import { actingWiring, awsConnectionJobRuntime, type ConnectionJobRuntime } from '../wiring';

export function createHandler(rt: ConnectionJobRuntime) {
  const deps = actingWiring(rt);
  return scheduleHandler(
    rt,
    'token-watch',
    () => watchTokens(deps),
    (outcomes) => {
      const count: Record<string, number> = {};
      for (const o of outcomes) count[o.outcome] = (count[o.outcome] ?? 0) + 1;
      return { connections: outcomes.length, ...count };
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsConnectionJobRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
