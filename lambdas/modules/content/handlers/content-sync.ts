/** Daily: every selected Page's and Instagram account's posts with their figures. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { syncContent } from '../core/sync-content';
import { awsContentSyncRuntime, contentSyncFromRuntime, type ContentSyncRuntime } from '../wiring/sync';

export function createHandler(rt: ContentSyncRuntime) {
  const deps = contentSyncFromRuntime(rt);
  return scheduleHandler(
    rt,
    'content-sync',
    // the function has 15 minutes (lib/function-needs.ts); a connection started late must still finish
    () => syncContent(deps, { deadline: new Date(rt.clock.now().getTime() + 12 * 60_000) }),
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

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsContentSyncRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
