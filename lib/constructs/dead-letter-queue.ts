/**
 * A dead-letter queue: where something the stack could not deliver or process is kept (14 days, the most SQS
 * allows) until an operator looks, with an alarm as soon as anything lands in it. SQS-managed SSE, so the
 * services that dead-letter into it (SQS redrive, EventBridge, Lambda destinations, SNS) need no key grant.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { AlarmTopic } from './alarms';

export interface DeadLetterQueueProps {
  queueName: string;
  /** the alarm description: what landing here means and what to do */
  alarmDescription: string;
  alarms: AlarmTopic;
}

export interface DeadLetterQueue {
  queue: sqs.Queue;
  alarm: cloudwatch.Alarm;
}

export function deadLetterQueue(scope: Construct, id: string, props: DeadLetterQueueProps): DeadLetterQueue {
  const queue = new sqs.Queue(scope, id, {
    queueName: props.queueName,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // the longest SQS allows: time to find the cause and redrive
    retentionPeriod: Duration.days(14),
  });
  acknowledge(queue, {
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'This queue is itself a dead-letter queue, the end of the line: its messages wait for an operator (alarmed, ' +
      'kept 14 days) and are redriven or inspected by hand, so a further DLQ would only hide them.',
  });
  const alarm = props.alarms.watchMetric(
    scope,
    `${id}Alarm`,
    props.alarmDescription,
    queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
  );
  return { queue, alarm };
}
