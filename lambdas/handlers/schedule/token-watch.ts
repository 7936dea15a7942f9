import { watchTokens } from '../../core/tokens/watch-tokens';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'token-watch',
    () => watchTokens(deps.connect),
    (outcomes) => {
      const count: Record<string, number> = {};
      for (const o of outcomes) count[o.outcome] = (count[o.outcome] ?? 0) + 1;
      return { connections: outcomes.length, ...count };
    },
  );
}

export const handler = lazyHandler(createHandler);
