/** Daily: every selected Page's and Instagram account's posts with their figures. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { syncContent } from '../core/sync-content';
import { awsContentSyncRuntime, contentSyncFromRuntime } from '../wiring/sync';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'content-sync',
  awsRuntime: awsContentSyncRuntime,
  deps: contentSyncFromRuntime,
  // the function has 15 minutes (lib/function-needs.ts); a connection started late must still finish
  run: (deps) => syncContent(deps, { deadline: new Date(deps.clock.now().getTime() + 12 * 60_000) }),
  summarize: (s) => ({
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
});
