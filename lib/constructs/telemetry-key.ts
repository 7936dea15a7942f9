/**
 * The key for what the stack says about itself: every log group (Lambda and API access logs), the alarm
 * topic and the connection notices topic. Logs can hold identifiers of tenants, Pages and leads, so they are
 * encrypted with a key the customer owns, can audit in CloudTrail and can revoke. Its key policy lets these
 * AWS services use it (the third, EventBridge for the notices, is added by connection-notices.ts):
 *
 * - CloudWatch Logs, for this account's log groups in this region, as AWS documents in "Encrypt log data in
 *   CloudWatch Logs using AWS KMS", step 2
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the
 *   `logs.<region>.amazonaws.com` principal, `kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`,
 *   `kms:GenerateDataKey*`, `kms:Describe*`, with `ArnLike kms:EncryptionContext:aws:logs:arn`.
 * - CloudWatch alarms publishing to the encrypted topic, as the SNS guide's "Enable compatibility between
 *   event sources from AWS services and encrypted topics" lists for CloudWatch
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services):
 *   `cloudwatch.amazonaws.com` with `kms:Decrypt` and `kms:GenerateDataKey*`, limited to this account's
 *   alarms.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TelemetryKeyProps {
  aliasName: string;
}

export class TelemetryKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: TelemetryKeyProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'Meta connector logs and alarm topic',
      enableKeyRotation: true,
      alias: props.aliasName,
      // log data already written stays encrypted under it: deleting the key would make it unreadable
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
          },
        },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccountToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }
}
