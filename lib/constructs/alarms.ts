/**
 * Where alarms go: one SNS topic (optionally mailed to the operator) and the alarms that are not owned by
 * a single resource construct (function errors, API 5xx).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  email?: string;
}

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // Not KMS-encrypted: CloudWatch could then only publish through a key policy grant, and alarm
    // notifications carry no customer data.
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Meta connector alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
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
