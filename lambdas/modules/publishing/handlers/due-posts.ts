/** Every minute: approved posts due within the next minute get their publish jobs. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { queueDuePosts } from '../core/queue-due-posts';
import { awsJobQueueRuntime, jobQueueFromRuntime, type JobQueueRuntime } from '../wiring/calendar';

export function createHandler(rt: JobQueueRuntime) {
  const deps = jobQueueFromRuntime(rt);
  return scheduleHandler(
    rt,
    'due-posts',
    () => queueDuePosts(deps),
    (r) => r,
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsJobQueueRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
