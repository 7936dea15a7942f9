/** Every 15 minutes: the recent comments of selected Pages and Instagram accounts, and WhatsApp templates. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { syncInbox } from '../core/sync-inbox';
import { awsInboxSyncRuntime, inboxPipelineFromRuntime } from '../wiring/pipeline';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'inbox-sync',
  awsRuntime: awsInboxSyncRuntime,
  deps: inboxPipelineFromRuntime,
  run: syncInbox,
  summarize: (s) => ({
    assets: s.assets.length,
    fetched: s.assets.reduce((n, a) => n + a.fetched, 0),
    stored: s.assets.reduce((n, a) => n + a.stored, 0),
    failed: s.assets
      .filter((a) => a.outcome !== 'ok')
      .map((a) => ({ assetId: a.assetId, outcome: a.outcome })),
    templates: s.templates.reduce((n, t) => n + t.count, 0),
  }),
});
