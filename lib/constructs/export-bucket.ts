/**
 * The private bucket tenant exports are written to. Exports are copies of a tenant's leads, messages and
 * audit log, so objects are encrypted with a customer managed key of their own (SSE-KMS, S3 Bucket Keys to
 * keep KMS calls few), reachable only over TLS and by presigned URL, and expire after 7 days like their
 * export records.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../nag';

export class ExportBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Meta connector tenant exports',
      enableKeyRotation: true,
      // exports expire after 7 days; the key outlives them by the pending window
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(7) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    acknowledge(this.bucket, {
      id: 'AwsSolutions-S1',
      reason:
        'Exports are written and read only by this stack through IAM and presigned URLs; every export is recorded in the audit log, which serves as the access record, and objects expire after 7 days.',
    });
    acknowledge(
      this.bucket,
      {
        id: 'NIST.800.53.R5-S3BucketLoggingEnabled',
        reason:
          'Only this stack writes and reads exports (IAM, presigned URLs); each export request and download link is ' +
          'recorded in the tenant audit log, and CloudTrail records the KMS decrypt behind every read.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketVersioningEnabled',
        reason:
          'An export is a regenerable snapshot that lives 7 days and is deleted early when its connection is purged; ' +
          'versions would keep personal data past the purge that the privacy promise requires.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'Exports are short-lived copies of data whose source of truth is the DynamoDB table (PITR, optional AWS ' +
          'Backup); a replica would be one more copy of personal data to purge, and a lost export is simply requested again.',
      },
    );
  }

  /**
   * Exact actions on the exports prefix only (CDK's grantPut/grantRead add wildcard actions). The writer
   * is the deletion worker, which also deletes a tenant's export files when it purges a connection.
   */
  grantWrite(grantee: IGrantable & IConstruct): void {
    this.allow(grantee, ['s3:PutObject', 's3:DeleteObject'], ['kms:GenerateDataKey']);
  }

  /** presigned GET URLs are signed with the function's own credentials, so it needs GetObject */
  grantRead(grantee: IGrantable & IConstruct): void {
    this.allow(grantee, ['s3:GetObject'], ['kms:Decrypt']);
  }

  private allow(grantee: IGrantable & IConstruct, actions: string[], keyActions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions, resources: [this.bucket.arnForObjects('exports/*')] }),
    );
    // only through S3: the function cannot use the exports key for anything of its own
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: keyActions,
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    const logicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    acknowledge(grantee, {
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/exports/*]`,
      reason:
        'Export object keys are generated per tenant and export at run time (exports/<tenant>/<id>.jsonl); the grant is one action on that prefix of the stack-owned bucket.',
    });
  }
}
