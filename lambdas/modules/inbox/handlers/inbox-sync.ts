/** Every 15 minutes: the recent comments of selected Pages and Instagram accounts, and WhatsApp templates. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { syncInbox } from '../core/sync-inbox';
import { awsInboxSyncRuntime, inboxPipelineFromRuntime, type InboxSyncRuntime } from '../wiring/pipeline';

export function createHandler(rt: InboxSyncRuntime) {
  const deps = inboxPipelineFromRuntime(rt);
  return scheduleHandler(
    rt,
    'inbox-sync',
    () => syncInbox(deps),
    (s) => ({
      assets: s.assets.length,
      fetched: s.assets.reduce((n, a) => n + a.fetched, 0),
      stored: s.assets.reduce((n, a) => n + a.stored, 0),
      failed: s.assets
        .filter((a) => a.outcome !== 'ok')
        .map((a) => ({ assetId: a.assetId, outcome: a.outcome })),
      templates: s.templates.reduce((n, t) => n + t.count, 0),
    }),
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsInboxSyncRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
