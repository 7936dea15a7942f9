/**
 * Every topology SCHEDULES entry: an EventBridge schedule rule (default bus) invoking a function built from
 * `lambdas/handlers/schedule/<job>.ts`. A run that does not happen is never silent: a tick EventBridge could
 * not deliver, and a run that failed all of Lambda's attempts, land in the alarmed schedule-failures queue.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../../lambdas/app/topology';
import { handlerModule } from '../paths';
import type { AlarmTopic } from './alarms';
import { acknowledge } from '../nag';
import { deadLetterQueue } from './dead-letter-queue';
import type { ServiceFunction } from './lambda-defaults';
import type { ServiceFunctions } from './service-functions';

export interface SchedulesProps {
  schedules: readonly ScheduleSpec[];
  functions: ServiceFunctions;
  alarms: AlarmTopic;
}

/**
 * One run of a job at a time: two sweeps of every tenant's connections at once would double the Graph calls
 * against Meta's rate limits and race on the same watermarks and claims. A tick that arrives while a run is
 * still going waits in Lambda's asynchronous queue and runs after it.
 */
const ONE_RUN_AT_A_TIME = 1;

export class Schedules extends Construct {
  readonly jobs = new Map<string, ServiceFunction>();
  /** ticks EventBridge could not deliver and runs that failed every attempt */
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const failures = deadLetterQueue(this, 'Failures', {
      queueName: `${Stack.of(this).stackName}-schedule-failures`,
      alarmDescription:
        'A scheduled job did not run or failed every attempt: the message names the job and the error (docs/operations.md)',
      alarms: props.alarms,
    });
    this.failures = failures.queue;
    acknowledge(failures.queue, {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the schedule targets and the on-failure destination of the ' +
        'scheduled functions, which cdk-nag does not count as dead-letter use; it is alarmed and kept 14 days.',
    });
    for (const spec of props.schedules) {
      const job = props.functions.create({
        kind: 'schedule',
        name: spec.name,
        entry: handlerModule('schedule', spec.job),
        description: `Scheduled job ${spec.name} (${spec.rate})`,
        defaultReservedConcurrency: ONE_RUN_AT_A_TIME,
        asyncFailures: failures.queue,
      });
      new events.Rule(this, `Rule-${spec.name}`, {
        description: `${spec.name}: ${spec.rate}`,
        schedule: events.Schedule.expression(
          /^(rate|cron)\(/.test(spec.rate) ? spec.rate : `rate(${spec.rate})`,
        ),
        // a tick is worth retrying within its minute; after that the next tick covers it, and one that could
        // not be delivered at all is kept in the failures queue (alarmed) instead of being dropped
        targets: [
          new targets.LambdaFunction(job.fn, {
            retryAttempts: 2,
            maxEventAge: Duration.minutes(1),
            deadLetterQueue: failures.queue,
          }),
        ],
      });
      this.jobs.set(spec.name, job);
    }
  }
}
