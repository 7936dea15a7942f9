import { syncContent } from '../../core/content/sync-content';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../common/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'content-sync',
    () => syncContent(deps.content),
    (s) => ({
      connections: s.connections,
      assets: s.assets,
      graphRequests: s.graphRequests,
      listCalls: s.listCalls,
      items: s.items,
      windows: s.windows,
      unavailable: s.unavailable.length,
      skipped: s.skipped,
    }),
  );
}

export const handler = lazyHandler(createHandler);
