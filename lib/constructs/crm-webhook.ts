/**
 * Leads to the customer's CRM without code (context `crmWebhookUrl`): a rule on the connector bus sends the
 * chosen public events to an EventBridge API destination, whose connection adds the `X-Connector-Token`
 * header from a secret the stack generates in Secrets Manager. Retries follow EventBridge's policy at its
 * maximums (185 attempts within 24 hours); what still fails lands in an encrypted, alarmed dead-letter
 * queue. The shared description (header, retries, events) is lambdas/handlers/common/crm-forwarding.ts.
 */
import { Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  CRM_RATE_LIMIT_PER_SECOND,
  CRM_RETRY,
  CRM_TOKEN_HEADER,
} from '../../lambdas/handlers/common/crm-forwarding';
import { EVENT_SOURCE } from '../../lambdas/handlers/common/topology';
import type { DomainEventType } from '../../lambdas/core/events/event-contracts';
import type { AlarmTopic } from './alarms';
import { acknowledge } from '../nag';

export interface CrmWebhookProps {
  bus: events.IEventBus;
  /** the customer's HTTPS endpoint */
  url: string;
  events: readonly DomainEventType[];
  alarms: AlarmTopic;
}

export class CrmWebhook extends Construct {
  readonly secret: secretsmanager.Secret;
  readonly connection: events.Connection;
  readonly destination: events.ApiDestination;
  readonly rule: events.Rule;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CrmWebhookProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'TokenSecret', {
      description: `Sent as ${CRM_TOKEN_HEADER} to the CRM webhook; the CRM compares it (constant time)`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.secret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The token is shared with the CRM, which must learn a new value at the same moment: rotating is an ' +
        'operator step (put a new value, redeploy so the connection takes it, update the CRM), not a Lambda.',
    });
    this.connection = new events.Connection(this, 'Connection', {
      description: 'Authorizes calls to the CRM webhook with the token header',
      // a dynamic reference: the value is resolved by CloudFormation, never written into the template
      authorization: events.Authorization.apiKey(
        CRM_TOKEN_HEADER,
        SecretValue.secretsManager(this.secret.secretArn),
      ),
    });
    this.destination = new events.ApiDestination(this, 'Destination', {
      description: 'The customer CRM webhook',
      connection: this.connection,
      endpoint: props.url,
      httpMethod: events.HttpMethod.POST,
      rateLimitPerSecond: CRM_RATE_LIMIT_PER_SECOND,
    });
    this.dlq = new sqs.Queue(this, 'Dlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.dlq, {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the CRM rule target (its DeadLetterConfig); cdk-nag only ' +
        'recognises queues named in another queue redrive policy.',
    });
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `${EVENT_SOURCE} ${props.events.join(', ')} -> CRM webhook`,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...props.events] },
      targets: [
        new targets.ApiDestination(this.destination, {
          deadLetterQueue: this.dlq,
          retryAttempts: CRM_RETRY.retryAttempts,
          maxEventAge: Duration.seconds(CRM_RETRY.maxEventAgeSeconds),
        }),
      ],
    });
    this.dlqAlarm = props.alarms.watchMetric(
      this,
      'DlqAlarm',
      'Events the CRM webhook did not accept after every retry: fix the endpoint, then redrive the DLQ',
      this.dlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
    );
  }
}
