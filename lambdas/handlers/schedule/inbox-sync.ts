import { syncInbox } from '../../core/inbox/sync-inbox';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'inbox-sync',
    () => syncInbox(deps.inbox),
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

export const handler = lazyHandler(createHandler);
