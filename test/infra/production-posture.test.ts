/**
 * What issue 17 fixed rather than acknowledged: nothing scheduled fails silently, logs and the alarm topic
 * are encrypted with a key whose policy lets CloudWatch Logs, CloudWatch alarms (and EventBridge, for the notices) use it, runaways
 * are capped, exports and the Meta secret use customer managed keys, and the optional backup plan.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { readConfig } from '../../lib/config';
import { HTTP_FUNCTION_NEEDS, QUEUE_WORKER_NEEDS } from '../../lib/function-needs';
import { logicalId, synth, type Json, type Synthesized } from './synth';

let s: Synthesized;
let variant: Synthesized;
beforeAll(() => {
  s = synth({ metaAppId: '987654321012345', alarmEmail: 'ops@example.com' });
  variant = synth({
    metaAppId: '987654321012345',
    backupRetentionDays: '35',
    reservedConcurrency: 'off',
    sourceMaps: 'on',
  });
});

const resources = (sx: Synthesized, type: string) => Object.entries(sx.template.findResources(type));
const props = (resource: unknown) => (resource as { Properties: Json }).Properties;
const getAtt = (sx: Synthesized, construct: Parameters<typeof logicalId>[1]) => ({
  'Fn::GetAtt': [logicalId(sx.stack, construct), 'Arn'],
});

describe('nothing scheduled fails silently', () => {
  test('every schedule target keeps undeliverable ticks in the schedule-failures queue', () => {
    const rules = resources(s, 'AWS::Events::Rule').filter(([, r]) => props(r).ScheduleExpression);
    expect(rules).toHaveLength(s.stack.schedules.jobs.size);
    for (const [, rule] of rules) {
      expect(props(rule).Targets).toEqual([
        expect.objectContaining({
          DeadLetterConfig: { Arn: getAtt(s, s.stack.schedules.failures) },
          RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2 },
        }),
      ]);
    }
  });

  test('scheduled functions send a run that failed every attempt to the same queue', () => {
    for (const job of s.stack.schedules.jobs.values()) {
      s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(s.stack, job.fn) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: getAtt(s, s.stack.schedules.failures) } },
      });
    }
  });

  test('the schedule-failures queue and the alarm email DLQ are alarmed like every DLQ', () => {
    for (const name of ['schedule-failures', 'alarm-notifications-dlq']) {
      const [queueId] = resources(s, 'AWS::SQS::Queue').find(
        ([, q]) => props(q).QueueName === `${s.stack.stackName}-${name}`,
      )!;
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
        AlarmActions: [{ Ref: logicalId(s.stack, s.stack.alarms.topic) }],
      });
    }
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
  });
});

describe('copies a purge cannot reach do not outlive the privacy promise', () => {
  test('the bus archive, which holds Meta content, keeps events one day', () => {
    s.template.resourceCountIs('AWS::Events::Archive', 1);
    s.template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 1 });
  });
});

describe('telemetry is encrypted with a key CloudWatch may use', () => {
  test('every log group and the alarm topic use the telemetry key', () => {
    const keyArn = getAtt(s, s.stack.telemetryKey.key);
    const groups = resources(s, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(20);
    for (const [, group] of groups) expect(props(group).KmsKeyId).toEqual(keyArn);
    s.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
  });

  test('its policy lets CloudWatch Logs (this account, log groups) and CloudWatch alarms use it', () => {
    const policy = props(s.template.toJSON().Resources[logicalId(s.stack, s.stack.telemetryKey.key)] as Json)
      .KeyPolicy as { Statement: Json[] };
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':logs:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':log-group:*',
                  ],
                ],
              },
            },
          },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    );
  });
});

describe('runaways are capped', () => {
  const reservation = (sx: Synthesized, fn: Parameters<typeof logicalId>[1]) =>
    props(sx.template.toJSON().Resources[logicalId(sx.stack, fn)]).ReservedConcurrentExecutions;

  test('HTTP functions that wait on Meta or Bedrock are reserved as function-needs.ts declares', () => {
    const reserved = Object.entries(HTTP_FUNCTION_NEEDS).filter(([, n]) => n.reservedConcurrency);
    expect(reserved.map(([name]) => name).sort()).toEqual(
      ['campaigns', 'connections', 'inbox', 'oauth-callback', 'whatsapp'].sort(),
    );
    for (const [name, needs] of reserved)
      expect([name, reservation(s, s.stack.httpFunctions.get(name as never)!.fn)]).toEqual([
        name,
        needs.reservedConcurrency,
      ]);
    expect(reservation(s, s.stack.httpFunctions.get('meta-webhook')!.fn)).toBeUndefined();
  });

  test('each scheduled job runs one at a time', () => {
    for (const job of s.stack.schedules.jobs.values()) expect(reservation(s, job.fn)).toBe(1);
  });

  test('queue workers are capped on their event source, not by reservation', () => {
    for (const [name, worker] of s.stack.workers.workers) {
      expect(reservation(s, worker.fn)).toBeUndefined();
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(s.stack, worker.fn) },
        ScalingConfig: { MaximumConcurrency: QUEUE_WORKER_NEEDS[name]!.maxConcurrency },
      });
    }
  });

  test('context reservedConcurrency=off reserves nothing (accounts with a small quota)', () => {
    for (const [, fn] of resources(variant, 'AWS::Lambda::Function'))
      expect(props(fn).ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('source maps', () => {
  test('stay out of the functions by default; context sourceMaps=on turns them on everywhere', () => {
    const nodeOptions = (sx: Synthesized) =>
      resources(sx, 'AWS::Lambda::Function').map(
        ([, fn]) => (props(fn).Environment as { Variables: Json }).Variables.NODE_OPTIONS,
      );
    expect(new Set(nodeOptions(s))).toEqual(new Set([undefined]));
    expect(new Set(nodeOptions(variant))).toEqual(new Set(['--enable-source-maps']));
    const config = (values: Record<string, string>) =>
      readConfig({ tryGetContext: (k: string) => values[k] });
    expect(config({}).sourceMaps).toBe(false);
    expect(() => config({ sourceMaps: 'sometimes' })).toThrow(/sourceMaps/);
  });
});

describe('customer managed keys for exports and the Meta secret', () => {
  test('exports are SSE-KMS with a bucket key; writers and readers use the key only through S3', () => {
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: Match.anyValue(),
            },
          },
        ],
      },
    });
    const exportKey = logicalId(s.stack, s.stack.node.findChild('Exports').node.findChild('Key'));
    const grants = resources(s, 'AWS::IAM::Policy').flatMap(([, p]) =>
      (props(p).PolicyDocument as { Statement: Json[] }).Statement.filter((st) =>
        JSON.stringify(st.Resource).includes(`"${exportKey}"`),
      ),
    );
    expect(grants.length).toBeGreaterThanOrEqual(2);
    for (const grant of grants)
      expect(grant.Condition).toEqual({
        StringEquals: {
          'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        },
      });
  });

  test('the Meta secret is encrypted with its own key', () => {
    s.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: getAtt(s, s.stack.secrets.key),
    });
  });
});

describe('backups', () => {
  test('backupRetentionDays is a whole number of days; reservedConcurrency is on or off', () => {
    const config = (values: Record<string, string>) =>
      readConfig({ tryGetContext: (k: string) => values[k] });
    expect(config({ backupRetentionDays: '90' }).backupRetentionDays).toBe(90);
    expect(config({}).backupRetentionDays).toBeUndefined();
    for (const bad of ['0', '1.5', 'forever'])
      expect(() => config({ backupRetentionDays: bad })).toThrow(/backupRetentionDays/);
    expect(config({ reservedConcurrency: 'off' }).reserveConcurrency).toBe(false);
    expect(() => config({ reservedConcurrency: 'maybe' })).toThrow(/reservedConcurrency/);
  });

  test('without backupRetentionDays: PITR only, no plan', () => {
    s.template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });

  test('backupRetentionDays adds the table to a daily plan kept that many days, in a retained vault', () => {
    variant.template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({
            ScheduleExpression: 'cron(0 5 * * ? *)',
            Lifecycle: { DeleteAfterDays: 35 },
          }),
        ],
      },
    });
    variant.template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({
        Resources: [getAtt(variant, variant.stack.table.table)],
      }),
    });
    variant.template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EncryptionKeyArn: getAtt(variant, variant.stack.table.key) }),
    });
    variant.template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });
});
