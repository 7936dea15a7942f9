/**
 * Leads to the customer's CRM without code (context `crmWebhookUrl`): a rule on the connector bus sends the
 * chosen public events to an EventBridge API destination, whose connection adds the `X-Connector-Token`
 * header from a secret the stack generates in Secrets Manager. Retries follow EventBridge's policy at its
 * maximums (185 attempts within 24 hours); what still fails lands in an encrypted, alarmed dead-letter
 * queue. The shared description (header, retries, events) is lambdas/app/crm-forwarding.ts.
 */
import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { deadLetterQueue } from './dead-letter-queue';
import { CRM_RATE_LIMIT_PER_SECOND, CRM_RETRY, CRM_TOKEN_HEADER } from '../../lambdas/app/crm-forwarding';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
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
    // only the deployment reads it (CloudFormation resolves the connection's dynamic reference); EventBridge
    // keeps its own copy in the connection's managed secret
    const key = new kms.Key(this, 'TokenKey', {
      description: 'Meta connector CRM webhook token',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.secret = new secretsmanager.Secret(this, 'TokenSecret', {
      encryptionKey: key,
      description: `Sent as ${CRM_TOKEN_HEADER} to the CRM webhook; the CRM compares it (constant time)`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const sharedWithTheCrm =
      'The token is shared with the CRM, which must learn a new value at the same moment: rotating is an ' +
      'operator step (put a new value, redeploy so the connection takes it, update the CRM), not a Lambda.';
    acknowledge(
      this.secret,
      { id: 'AwsSolutions-SMG4', reason: sharedWithTheCrm },
      { id: 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason: sharedWithTheCrm },
    );
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
    const dlq = deadLetterQueue(this, 'Dlq', {
      queueName: `${Stack.of(this).stackName}-crm-webhook-dlq`,
      alarmDescription:
        'Events the CRM webhook did not accept after every retry: fix the endpoint, then redrive the DLQ',
      alarms: props.alarms,
    });
    this.dlq = dlq.queue;
    this.dlqAlarm = dlq.alarm;
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
    const role = this.destination.node.tryFindChild('EventsRole');
    if (role)
      acknowledge(role, {
        id: 'NIST.800.53.R5-IAMNoInlinePolicy',
        reason:
          "The role's one policy is generated by CDK for this rule target (events:InvokeApiDestination on this " +
          'destination only) and belongs to this role alone; a managed policy would hold the same statement.',
      });
  }
}
