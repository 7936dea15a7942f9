/** Every minute: approved posts due within the next minute get their publish jobs. */
import { scheduledJob } from '../../../platform/handlers/scheduled-job';
import { queueDuePosts } from '../core/queue-due-posts';
import { awsJobQueueRuntime, jobQueueFromRuntime } from '../wiring/calendar';

export const { createHandler, awsRuntime, handler } = scheduledJob({
  name: 'due-posts',
  awsRuntime: awsJobQueueRuntime,
  deps: jobQueueFromRuntime,
  run: queueDuePosts,
  summarize: (r) => r,
});
