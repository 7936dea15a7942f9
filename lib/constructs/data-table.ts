/**
 * The single DynamoDB table, laid out by table-schema.ts (the same module the local dynalite table uses).
 * Point-in-time recovery is always on; `backupRetentionDays` adds it to a daily AWS Backup plan as well
 * (what each gives and how to restore: README, Backups).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ALL_GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../lambdas/platform/contracts/table-schema';
import { acknowledge } from '../nag';

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface DataTableProps {
  aliasName: string;
  /** keep a daily AWS Backup recovery point this many days; absent = PITR only */
  backupRetentionDays?: number;
}

export class DataTable extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;
  readonly backupPlan?: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    // A key of its own: the token key's policy demands the vault's encryption context, which DynamoDB's
    // own calls never carry.
    this.key = new kms.Key(this, 'Key', {
      description: 'Meta connector table encryption',
      enableKeyRotation: true,
      alias: props.aliasName,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    const attr = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attr(TABLE_KEYS.partitionKey),
      sortKey: attr(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of ALL_GSIS) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: attr(gsi.partitionKey),
        sortKey: attr(gsi.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    if (props.backupRetentionDays !== undefined) {
      this.backupPlan = this.dailyBackups(props.backupRetentionDays);
    } else {
      acknowledge(this.table, {
        id: 'NIST.800.53.R5-DynamoDBInBackupPlan',
        reason:
          'Point-in-time recovery is on (any second of the last 35 days); a daily AWS Backup plan is opt-in ' +
          "(context backupRetentionDays) because its vault copies and their storage cost are the operator's call.",
      });
    }
  }

  /** Daily recovery points in a vault of the stack's own, kept `days` days, encrypted with the table key. */
  private dailyBackups(days: number): backup.BackupPlan {
    const vault = new backup.BackupVault(this, 'BackupVault', {
      encryptionKey: this.key,
      // recovery points must outlive the stack: they are what a restore after a deletion starts from
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plan = new backup.BackupPlan(this, 'BackupPlan', { backupVault: vault });
    plan.addRule(
      new backup.BackupPlanRule({
        ruleName: 'Daily',
        // 05:00 UTC, AWS Backup's own daily default
        scheduleExpression: events.Schedule.cron({ hour: '5', minute: '0' }),
        deleteAfter: Duration.days(days),
      }),
    );
    const selection = plan.addSelection('Table', {
      resources: [backup.BackupResource.fromDynamoDbTable(this.table)],
    });
    acknowledge(selection, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service role policy, maintained by AWS for exactly this role (create and copy recovery " +
        'points); the role is assumable by backup.amazonaws.com only.',
    });
    return plan;
  }

  grantReadData(grantee: iam.IGrantable): void {
    this.grantData(grantee, READ_ACTIONS, ['kms:Decrypt', 'kms:DescribeKey']);
  }

  /**
   * Puts and deletes, no reads: the key actions are those of read-write, since DynamoDB uses the table key
   * for a write as for a read, and `kms:ViaService` keeps them inside DynamoDB, where an item still cannot
   * be read back without a read action.
   */
  grantWriteData(grantee: iam.IGrantable): void {
    this.grantData(grantee, WRITE_ACTIONS, [
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ]);
  }

  grantReadWriteData(grantee: iam.IGrantable): void {
    this.grantData(
      grantee,
      [...READ_ACTIONS, ...WRITE_ACTIONS],
      ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
    );
  }

  /**
   * Table.grantReadWriteData would add `index/*` and `kms:ReEncrypt*`/`kms:GenerateDataKey*`; naming the
   * indexes and the exact key actions keeps every statement free of wildcards.
   */
  private grantData(grantee: iam.IGrantable, tableActions: string[], keyActions: string[]): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: tableActions,
      resourceArns: [
        this.table.tableArn,
        ...ALL_GSIS.map((g) => `${this.table.tableArn}/index/${g.indexName}`),
      ],
    });
    // only through DynamoDB: the function cannot use the table key to encrypt anything of its own
    iam.Grant.addToPrincipal({
      grantee,
      actions: keyActions,
      resourceArns: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    });
  }
}
