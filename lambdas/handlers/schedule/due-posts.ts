import { queueDuePosts } from '../../core/publishing/queue-due-posts';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { scheduleHandler } from '../../platform/handlers/schedule-handler';

export function createHandler(deps: AppDependencies) {
  return scheduleHandler(
    deps,
    'due-posts',
    () => queueDuePosts(deps.publishing),
    (r) => r,
  );
}

export const handler = lazyHandler(createHandler);
