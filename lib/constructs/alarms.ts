/**
 * Where alarms go: one SNS topic (optionally mailed to the operator) and the alarms that are not owned by
 * a single resource construct (function errors, API 5xx).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { deadLetterQueue } from './dead-letter-queue';

export interface AlarmTopicProps {
  email?: string;
  /** encrypts the topic; its policy must let CloudWatch alarms use it (telemetry-key.ts) */
  key: kms.IKey;
  /** physical name prefix of the queue that keeps notifications the email subscription could not take */
  queuePrefix: string;
}

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Meta connector alarms',
      enforceSSL: true,
      masterKey: props.key,
    });
    if (props.email) {
      // a notification SNS could not deliver is kept here rather than discarded (sns-dead-letter-queues.html)
      const undelivered = deadLetterQueue(this, 'UndeliveredDlq', {
        queueName: `${props.queuePrefix}-alarm-notifications-dlq`,
        alarmDescription:
          'An alarm notification could not be delivered by email: check the subscription, read the DLQ for what was missed',
        alarms: this,
      });
      acknowledge(undelivered.queue, {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is the dead-letter queue of the email subscription (SNS redrive policy), which cdk-nag does not ' +
          'count as dead-letter use; it is alarmed and kept 14 days.',
      });
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(props.email, { deadLetterQueue: undelivered.queue }),
      );
    }
  }

  watch<T extends cloudwatch.Alarm>(alarm: T): T {
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }

  /** Any unhandled error: handlers answer expected failures themselves, so an Errors datapoint is a bug. */
  watchFunction(fn: lambda.Function, label: string): cloudwatch.Alarm {
    const metric = fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
    return this.watchMetric(fn, 'ErrorsAlarm', `Unhandled errors in the ${label} function`, metric);
  }

  /** Alarms on any non-zero datapoint. */
  watchMetric(
    scope: Construct,
    id: string,
    description: string,
    metric: cloudwatch.IMetric,
  ): cloudwatch.Alarm {
    return this.watch(
      new cloudwatch.Alarm(scope, id, {
        alarmDescription: description,
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
