import { syncContent } from '../../core/content/sync-content';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'content-sync',
    // the function has 15 minutes (lib/function-needs.ts); a connection started late must still finish
    () => syncContent(deps.content, { deadline: new Date(deps.clock.now().getTime() + 12 * 60_000) }),
    (s) => ({
      connections: s.connections,
      assets: s.assets,
      graphRequests: s.graphRequests,
      listCalls: s.listCalls,
      items: s.items,
      removed: s.removed,
      windows: s.windows,
      unavailable: s.unavailable.length,
      skipped: s.skipped,
    }),
  );
}

export const handler = lazyHandler(createHandler);
