/**
 * The private bucket tenant exports are written to. Objects are encrypted at rest (SSE-S3), reachable
 * only over TLS and by presigned URL, and expire after 7 days like their export records.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../nag';

export class ExportBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
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
  }

  /**
   * Exact actions on the exports prefix only (CDK's grantPut/grantRead add wildcard actions). The writer
   * is the deletion worker, which also deletes a tenant's export files when it purges a connection.
   */
  grantWrite(grantee: IGrantable & IConstruct): void {
    this.allow(grantee, ['s3:PutObject', 's3:DeleteObject']);
  }

  /** presigned GET URLs are signed with the function's own credentials, so it needs GetObject */
  grantRead(grantee: IGrantable & IConstruct): void {
    this.allow(grantee, ['s3:GetObject']);
  }

  private allow(grantee: IGrantable & IConstruct, actions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions, resources: [this.bucket.arnForObjects('exports/*')] }),
    );
    const logicalId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    acknowledge(grantee, {
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/exports/*]`,
      reason:
        'Export object keys are generated per tenant and export at run time (exports/<tenant>/<id>.jsonl); the grant is one action on that prefix of the stack-owned bucket.',
    });
  }
}
