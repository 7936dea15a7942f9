/**
 * Every topology SCHEDULES entry: an EventBridge schedule rule (default bus) invoking a function built from
 * `lambdas/handlers/schedule/<job>.ts`.
 */
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { ScheduleSpec } from '../../lambdas/handlers/common/topology';
import { handlerModule } from '../paths';
import type { ServiceFunction } from './lambda-defaults';
import type { ServiceFunctions } from './service-functions';

export interface SchedulesProps {
  schedules: readonly ScheduleSpec[];
  functions: ServiceFunctions;
}

export class Schedules extends Construct {
  readonly jobs = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    for (const spec of props.schedules) {
      const job = props.functions.create({
        kind: 'schedule',
        name: spec.name,
        entry: handlerModule('schedule', spec.job),
        description: `Scheduled job ${spec.name} (${spec.rate})`,
      });
      new events.Rule(this, `Rule-${spec.name}`, {
        description: `${spec.name}: ${spec.rate}`,
        schedule: events.Schedule.expression(
          /^(rate|cron)\(/.test(spec.rate) ? spec.rate : `rate(${spec.rate})`,
        ),
        // a missed tick is covered by the next one; retrying a late run would only pile up
        targets: [new targets.LambdaFunction(job.fn, { retryAttempts: 0 })],
      });
      this.jobs.set(spec.name, job);
    }
  }
}
