/** Daily: every connection's token inspected, refreshed, warned about or expired (core/watch-tokens.ts). */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { watchTokens } from '../core/watch-tokens';
import { actingWiring, awsConnectionJobRuntime } from '../wiring';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'token-watch',
  awsRuntime: awsConnectionJobRuntime,
  deps: actingWiring,
  run: watchTokens,
  summarize: (outcomes) => {
    const count: Record<string, number> = {};
    for (const o of outcomes) count[o.outcome] = (count[o.outcome] ?? 0) + 1;
    return { connections: outcomes.length, ...count };
  },
});
