import { syncInboxMetrics } from '../../core/inbox-metrics/inbox-metrics';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'inbox-metrics',
    () => syncInboxMetrics(deps.inboxMetrics),
    (s) => ({ ...s }),
  );
}

export const handler = lazyHandler(createHandler);
