/** Every minute: approved posts due within the next minute get their publish jobs. */
import { scheduleHandler } from '../../../platform/handlers/schedule-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { queueDuePosts } from '../core/queue-due-posts';
import { awsCalendarRuntime, calendarFromRuntime, type CalendarRuntime } from '../wiring';

export function createHandler(rt: CalendarRuntime) {
  const deps = calendarFromRuntime(rt);
  return scheduleHandler(
    rt,
    'due-posts',
    () => queueDuePosts(deps),
    (r) => r,
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsCalendarRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
