/**
 * Connection notices by email: a rule on the connector bus sends `connection.expiring` (7, 3 and 1 days
 * before) and `connection.expired` to an SNS topic, with the text of lambdas/app/connection-notices.ts
 * put together by EventBridge's input transformer, so no function runs for it. The topic is encrypted with
 * the telemetry key, which lets EventBridge use it as the SNS guide asks for encrypted topics
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services);
 * a notice EventBridge or SNS could not deliver is kept in an alarmed dead-letter queue.
 */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONNECTION_NOTICES, type NoticePart } from '../../lambdas/app/connection-notices';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
import { acknowledge } from '../nag';
import type { AlarmTopic } from './alarms';
import { deadLetterQueue } from './dead-letter-queue';

export interface ConnectionNoticesProps {
  bus: events.IEventBus;
  /** the telemetry key: it encrypts the topic */
  key: kms.IKey;
  /** who gets the notices; without it the topic waits for a subscription an operator adds */
  email?: string;
  alarms: AlarmTopic;
}

const inputOf = (parts: readonly NoticePart[]): events.RuleTargetInput =>
  events.RuleTargetInput.fromText(
    parts.map((p) => (typeof p === 'string' ? p : events.EventField.fromPath(p.path))).join(''),
  );

export class ConnectionNotices extends Construct {
  readonly topic: sns.Topic;
  readonly rules: events.Rule[] = [];
  readonly dlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: ConnectionNoticesProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Meta connector: connections to renew',
      enforceSSL: true,
      masterKey: props.key,
    });
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeOfThisAccountToEncryptedTopic',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    const dlq = deadLetterQueue(this, 'Dlq', {
      queueName: `${Stack.of(this).stackName}-connection-notices-dlq`,
      alarmDescription:
        'A connection notice could not be delivered (rule target or email): read the DLQ for the connections to renew',
      alarms: props.alarms,
    });
    this.dlq = dlq.queue;
    acknowledge(this.dlq, {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the notice rule targets and of the email subscription, which ' +
        'cdk-nag does not count as dead-letter use; it is alarmed and kept 14 days.',
    });
    if (props.email)
      this.topic.addSubscription(
        new subscriptions.EmailSubscription(props.email, { deadLetterQueue: this.dlq }),
      );
    for (const [detailType, parts] of Object.entries(CONNECTION_NOTICES)) {
      this.rules.push(
        new events.Rule(this, `Rule-${detailType.replace(/\W/g, '-')}`, {
          eventBus: props.bus,
          description: `${EVENT_SOURCE} ${detailType} -> connection notice by email`,
          eventPattern: { source: [EVENT_SOURCE], detailType: [detailType] },
          targets: [
            new targets.SnsTopic(this.topic, { message: inputOf(parts!), deadLetterQueue: this.dlq }),
          ],
        }),
      );
    }
  }
}
