/**
 * The stack as deployed by default (Cognito issuer), synthesized once. Expectations are derived from the
 * same shared tables the stack reads, so a new route, queue or GSI is covered without touching this file.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { QUEUES, SCHEDULES } from '../../lambdas/app/topology';
import { ROUTES, routeKey, type HttpFunctionName } from '../../lambdas/app/route-table';
import { ALL_GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../lambdas/platform/contracts/table-schema';
import {
  HTTP_FUNCTION_NEEDS,
  QUEUE_WORKER_NEEDS,
  SCHEDULE_NEEDS,
  environmentOf,
  type FunctionNeeds,
} from '../../lib/function-needs';
import { queueUrlVariable } from '../../lambdas/platform/contracts/environment';
import { META_CALLBACK_PATHS } from '../../lib/stacks/meta-connector-stack';
import {
  acknowledgments,
  allowedActions,
  asArray,
  identityStatements,
  logicalId,
  nagFindings,
  substitutedEntries,
  synth,
  type Json,
  type Synthesized,
} from './synth';

const CONTEXT = {
  metaAppId: '987654321012345',
  returnUrlAllowlist: 'https://crm.example.com, https://app.example.org/settings',
  alarmEmail: 'ops@example.com',
  corsAllowedOrigins: 'https://crm.example.com,http://localhost:5173',
  crmWebhookUrl: 'https://crm.example.com/hooks/meta',
  crmEvents: 'lead.created,lead.status-changed',
};

let s: Synthesized;
let functions: Record<string, Json>;

beforeAll(() => {
  s = synth(CONTEXT);
  functions = s.template.findResources('AWS::Lambda::Function') as Record<string, Json>;
  if (substitutedEntries.size > 0)
    console.warn(`fixture used for missing handlers: ${[...substitutedEntries].join(', ')}`);
});

const props = (resource: unknown): Json => (resource as { Properties: Json }).Properties;

describe('encryption keys', () => {
  test('every KMS key rotates', () => {
    const keys = Object.values(s.template.findResources('AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(props(key).EnableKeyRotation).toBe(true);
  });

  test('the token key policy refuses crypto without the tenant encryption context', () => {
    const policy = props(s.template.findResources('AWS::KMS::Key')[logicalId(s.stack, s.stack.tokenKey.key)])
      .KeyPolicy as { Statement: Statement[] };
    type Statement = { Effect: string; Action: string[]; Condition?: { Null?: Record<string, string> } };
    const denied = policy.Statement.filter((st) => st.Effect === 'Deny').map((st) => st.Condition?.Null);
    expect(denied).toEqual(
      expect.arrayContaining([
        { 'kms:EncryptionContext:tenantId': 'true' },
        { 'kms:EncryptionContext:connectionId': 'true' },
      ]),
    );
  });
});

describe('queues', () => {
  test.each(QUEUES.map((q) => [q.name, q] as const))(
    '%s has a DLQ with the topology maxReceiveCount, and an alarm',
    (name, spec) => {
      const { queue, dlq } = s.stack.queues.get(name);
      const queueId = logicalId(s.stack, queue);
      const dlqId = logicalId(s.stack, dlq);
      s.template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `${s.stack.stackName}-${name}`,
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: spec.maxReceiveCount,
        },
      });
      for (const id of [queueId, dlqId]) {
        s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: Match.anyValue(),
      });
    },
  );

  test('alarms reach the operator by email', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: CONTEXT.alarmEmail,
    });
  });
});

describe('table', () => {
  test('follows table-schema.ts: keys, TTL, GSIs; on-demand, PITR, customer-managed KMS, protected', () => {
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.table.key), 'Arn'] },
      },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: ALL_GSIS.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });
});

describe('functions', () => {
  test('run Node.js 24 on ARM64 with active tracing, without source maps unless asked', () => {
    // one per routed HTTP function, queue worker and schedule: nothing else runs code
    const expected =
      new Set(ROUTES.map((r) => r.fn)).size + QUEUES.filter((q) => q.worker).length + SCHEDULES.length;
    expect(Object.keys(functions)).toHaveLength(expected);
    for (const fn of Object.values(functions)) {
      expect(props(fn)).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect((props(fn).Environment as { Variables: Json }).Variables).not.toHaveProperty('NODE_OPTIONS');
    }
  });

  test('each function receives the variables its needs name, and no other; the secret only as an ARN', () => {
    const secretRef = { Ref: logicalId(s.stack, s.stack.secrets.secret) };
    const built = [
      ...[...s.stack.httpFunctions].map(([name, fn]) => ({
        fn,
        needs: HTTP_FUNCTION_NEEDS[name],
        tenantApi: ROUTES.some((r) => r.fn === name && r.auth === 'jwt'),
        queues: HTTP_FUNCTION_NEEDS[name].sendTo ?? [],
      })),
      ...QUEUES.filter((q) => q.worker).map((q) => ({
        fn: s.stack.workers.workers.get(q.name)!,
        needs: QUEUE_WORKER_NEEDS[q.name]!,
        tenantApi: false,
        queues: [...(QUEUE_WORKER_NEEDS[q.name]!.sendTo ?? []), q.name],
      })),
      ...SCHEDULES.map((j) => ({
        fn: s.stack.schedules.jobs.get(j.name)!,
        needs: SCHEDULE_NEEDS[j.name]!,
        tenantApi: false,
        queues: SCHEDULE_NEEDS[j.name]!.sendTo ?? [],
      })),
    ];
    expect(built).toHaveLength(Object.keys(functions).length);
    for (const b of built) {
      const env = (props(functions[logicalId(s.stack, b.fn.fn)]).Environment as { Variables: Json })
        .Variables;
      const expected = [
        ...environmentOf(b.needs, { tenantApi: b.tenantApi }),
        ...new Set(b.queues.map(queueUrlVariable)),
      ];
      expect(Object.keys(env).sort()).toEqual(expected.sort());
      if ('META_SECRET_ARN' in env) expect(env.META_SECRET_ARN).toEqual(secretRef);
      if ('META_APP_ID' in env) expect(env.META_APP_ID).toBe(CONTEXT.metaAppId);
      if ('TENANT_CLAIM' in env) expect(env.TENANT_CLAIM).toBe('custom:tenant_id');
      if ('RETURN_URL_ALLOWLIST' in env)
        expect(env.RETURN_URL_ALLOWLIST).toBe('https://crm.example.com,https://app.example.org');
    }
  });

  test('readiness and the OpenAPI document get the API URL and the log settings, nothing else', () => {
    const env = (
      props(functions[logicalId(s.stack, s.stack.httpFunctions.get('public')!.fn)]).Environment as {
        Variables: Json;
      }
    ).Variables;
    expect(Object.keys(env).sort()).toEqual([
      'POWERTOOLS_LOGGER_LOG_EVENT',
      'POWERTOOLS_LOG_LEVEL',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_TRACER_CAPTURE_ERROR',
      'POWERTOOLS_TRACER_CAPTURE_RESPONSE',
      'PUBLIC_BASE_URL',
    ]);
  });

  test('no environment variable can carry a secret', () => {
    const allowedLiterals = new Set<string>([
      CONTEXT.metaAppId,
      'https://crm.example.com,https://app.example.org',
      'https://graph.facebook.com',
      'https://www.facebook.com',
      s.stack.node.tryGetContext('metaGraphVersion') ?? 'v26.0',
      'custom:tenant_id',
      'meta-connector',
      'INFO',
      // the metrics namespace, and the Powertools switches that keep data out of traces and logs
      s.stack.stackName,
      'false',
    ]);
    for (const fn of Object.values(functions)) {
      const env = (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      for (const [name, value] of Object.entries(env)) {
        expect(name).not.toMatch(/^(META_APP_SECRET|META_VERIFY_TOKEN|.*PASSWORD.*|.*_SECRET|.*_TOKEN)$/);
        // a literal is one of the known config values; anything else is a reference to a resource
        if (typeof value === 'string') expect(allowedLiterals).toContain(value);
        else expect(JSON.stringify(value)).toMatch(/^\{"(Ref|Fn::GetAtt|Fn::Join)"/);
      }
    }
  });

  test('the secret value is generated in AWS, never written into the template', () => {
    const secret = props(
      s.template.findResources('AWS::SecretsManager::Secret')[logicalId(s.stack, s.stack.secrets.secret)],
    );
    expect(secret.SecretString).toBeUndefined();
    expect(
      JSON.parse((secret.GenerateSecretString as { SecretStringTemplate: string }).SecretStringTemplate),
    ).toEqual({
      appSecret: '',
      verifyToken: '',
    });
  });
});

describe('HTTP API', () => {
  test.each(ROUTES.map((r) => [routeKey(r), r] as const))(
    '%s exists with its authorization and function',
    (key, route) => {
      const routes = s.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } });
      expect(Object.keys(routes)).toHaveLength(1);
      const rp = props(Object.values(routes)[0]);
      expect(rp.AuthorizationType).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');
      if (route.auth === 'jwt') expect(rp.AuthorizerId).toBeDefined();
      // the integration behind the route invokes the function route-table.ts names
      const integrationId = JSON.stringify(rp.Target).match(/"Ref":"([^"]+)"/)![1]!;
      const integration = props(s.template.toJSON().Resources[integrationId]);
      const fnId = logicalId(s.stack, s.stack.httpFunctions.get(route.fn)!.fn);
      expect(JSON.stringify(integration.IntegrationUri)).toContain(`"${fnId}"`);
    },
  );

  test('the stage logs access and throttles', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  test('CORS: API Gateway answers preflights for the listed origins with the policy of cors-policy.ts', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://crm.example.com', 'http://localhost:5173'],
        AllowMethods: Match.arrayWith(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        ExposeHeaders: Match.arrayWith(['retry-after']),
        MaxAge: 600,
        AllowCredentials: false,
      },
    });
  });

  test('the JWT authorizer trusts the stack user pool', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: logicalId(s.stack, s.stack.auth.userPoolClient!) }],
        Issuer: Match.anyValue(),
      },
    });
    s.template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenant_id', Mutable: true })]),
    });
  });

  test('users cannot write their own tenant id', () => {
    const client = props(Object.values(s.template.findResources('AWS::Cognito::UserPoolClient'))[0]);
    // SRP for browsers, admin password auth (IAM-signed) for the operator's CLI; never plain USER_PASSWORD_AUTH
    expect(client.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH']),
    );
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(client.ReadAttributes).toContain('custom:tenant_id');
    expect(client.WriteAttributes).not.toContain('custom:tenant_id');
  });

  test('outputs what the operator enters at Meta and the ids the frontend needs', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of [
      'ApiUrl',
      'EventBusName',
      'UserPoolId',
      'UserPoolClientId',
      'MetaSecretArn',
      'JwtIssuer',
    ]) {
      expect(outputs).toHaveProperty(name);
    }
    const paths: Record<string, string> = {
      WebhookUrl: META_CALLBACK_PATHS.webhook,
      OAuthRedirectUri: META_CALLBACK_PATHS.oauthRedirect,
      DeauthorizeCallbackUrl: META_CALLBACK_PATHS.deauthorize,
      DataDeletionCallbackUrl: META_CALLBACK_PATHS.dataDeletion,
    };
    for (const [name, path] of Object.entries(paths))
      expect(JSON.stringify(outputs[name]!.Value)).toContain(`"${path}"`);
  });
});

describe('CRM webhook (context crmWebhookUrl)', () => {
  test('an API destination with the token header from a generated secret, never a literal', () => {
    const secretId = logicalId(s.stack, s.stack.crmWebhook!.secret);
    const [connection] = Object.values(s.template.findResources('AWS::Events::Connection')).map(props);
    expect(connection).toMatchObject({
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-connector-token' } },
    });
    const value = JSON.stringify(connection!.AuthParameters);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(secretId);
    s.template.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: 'https://crm.example.com/hooks/meta',
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: Match.anyValue(),
    });
  });

  test('the chosen events go to it with the retry policy at its maximums and a DLQ', () => {
    const dlqId = logicalId(s.stack, s.stack.crmWebhook!.dlq);
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['meta-connector'], 'detail-type': ['lead.created', 'lead.status-changed'] },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
        }),
      ],
    });
  });

  test('the DLQ is encrypted, refuses plain HTTP and alarms on its first message', () => {
    const dlqId = logicalId(s.stack, s.stack.crmWebhook!.dlq);
    expect(props(s.template.toJSON().Resources[dlqId])).toMatchObject({ SqsManagedSseEnabled: true });
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlqId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: Match.anyValue(),
    });
    expect(s.template.toJSON().Outputs).toHaveProperty('CrmWebhookTokenSecretArn');
  });
});

describe('IAM', () => {
  const dataResourceIds = (): string[] =>
    [
      s.stack.table.table,
      s.stack.table.key,
      s.stack.tokenKey.key,
      s.stack.secrets.secret,
      ...s.stack.queues.all.flatMap((q) => [q.queue, q.dlq]),
    ].map((c) => logicalId(s.stack, c));

  test('no statement allows a wildcard action', () => {
    for (const { owner, statement } of identityStatements(s.template)) {
      if (statement.Effect !== 'Allow') continue;
      // covers "*", "service:*" and partial wildcards such as "kms:ReEncrypt*"
      for (const action of asArray(statement.Action)) expect(`${owner}: ${action}`).not.toContain('*');
    }
  });

  test('the table, keys, queues and secret are only granted by name, never through "*"', () => {
    const dataIds = dataResourceIds();
    for (const { owner, statement } of identityStatements(s.template)) {
      if (statement.Effect !== 'Allow') continue;
      const resources = asArray(statement.Resource);
      if (resources.includes('*')) {
        // only X-Ray, which has no resource-level permissions
        expect([owner, asArray(statement.Action).sort()]).toEqual([
          owner,
          ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        ]);
      }
      if (dataIds.some((id) => JSON.stringify(resources).includes(`"${id}"`))) {
        expect(JSON.stringify(resources)).not.toMatch(/\*/);
      }
    }
  });

  test.each(Object.keys(HTTP_FUNCTION_NEEDS) as HttpFunctionName[])(
    'the %s function is granted exactly its declared needs',
    (name) => {
      const fn = s.stack.httpFunctions.get(name);
      if (!fn) return; // declared but not routed yet: not deployed
      expect([...allowedActions(s.template, logicalId(s.stack, fn.role))].sort()).toEqual(
        expectedActions(HTTP_FUNCTION_NEEDS[name]),
      );
    },
  );

  test('the public webhook writes the table but can read no item of it: leads, tokens and messages stay out of its reach', () => {
    const webhook = s.stack.httpFunctions.get('meta-webhook')!;
    const actions = [...allowedActions(s.template, logicalId(s.stack, webhook.role))];
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:BatchWriteItem']));
    expect(actions.filter((a) => /^dynamodb:(GetItem|BatchGetItem|Query|Scan)$/.test(a))).toEqual([]);
  });

  test('queue workers and scheduled jobs are granted exactly their declared needs', () => {
    const consume = [
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueUrl',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ];
    for (const [name, worker] of s.stack.workers.workers) {
      expect([name, ...[...allowedActions(s.template, logicalId(s.stack, worker.role))].sort()]).toEqual([
        name,
        ...[...new Set([...expectedActions(QUEUE_WORKER_NEEDS[name]!), ...consume])].sort(),
      ]);
    }
    // a scheduled function sends its failed invocations to the schedule-failures queue (its destination)
    const reportFailure = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
    for (const [name, job] of s.stack.schedules.jobs) {
      expect([name, ...[...allowedActions(s.template, logicalId(s.stack, job.role))].sort()]).toEqual([
        name,
        ...[...new Set([...expectedActions(SCHEDULE_NEEDS[name]!), ...reportFailure])].sort(),
      ]);
    }
  });

  test.each(QUEUES.filter((q) => q.worker).map((q) => [q.name] as const))(
    '%s worker times its own retries: its queue URL, ChangeMessageVisibility and SendMessage on that queue',
    (name) => {
      const worker = s.stack.workers.workers.get(name)!;
      const queueId = logicalId(s.stack, s.stack.queues.get(name).queue);
      const env = (props(functions[logicalId(s.stack, worker.fn)]) as any).Environment.Variables as Json;
      expect(env[`QUEUE_URL_${name.replace(/-/g, '_').toUpperCase()}`]).toEqual({ Ref: queueId });
      const roleId = logicalId(s.stack, worker.role);
      const onOwnQueue = identityStatements(s.template)
        .filter(
          ({ statement }) =>
            JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }),
        )
        .filter(({ owner }) => {
          const policy = s.template.findResources('AWS::IAM::Policy')[owner] as any;
          return policy?.Properties.Roles.some((r: Json) => r.Ref === roleId) === true;
        })
        .flatMap(({ statement }) => asArray(statement.Action));
      expect(onOwnQueue).toEqual(expect.arrayContaining(['sqs:ChangeMessageVisibility', 'sqs:SendMessage']));
    },
  );

  test('token key grants demand the full encryption context', () => {
    const tokenKeyId = logicalId(s.stack, s.stack.tokenKey.key);
    const grants = identityStatements(s.template).filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(`"${tokenKeyId}"`),
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const { statement } of grants) {
      expect(statement.Condition).toEqual({
        Null: { 'kms:EncryptionContext:tenantId': 'false', 'kms:EncryptionContext:connectionId': 'false' },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenantId', 'connectionId'] },
      });
    }
  });
});

describe('cdk-nag (AwsSolutions, Serverless, NIST 800-53 R5)', () => {
  test('no unacknowledged finding, and no CDK error annotation', () => {
    expect(nagFindings(s.stack)).toEqual([]);
    // cdk-nag 3 reports through the validation plugin API, not annotations; this catches CDK's own errors
    expect(Annotations.fromStack(s.stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('every acknowledgment is specific and carries a written reason', () => {
    const acks = acknowledgments(s.stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.onStack).toBe(false);
      expect(ack.reason.trim().length).toBeGreaterThanOrEqual(40);
      if (ack.id.startsWith('AwsSolutions-IAM5')) expect(ack.id).toMatch(/\[.+\]$/);
      expect(ack.id).toMatch(/^(AwsSolutions|Serverless|NIST\.800\.53\.R5)-/);
    }
  });
});

/** The IAM actions a needs entry should produce (plus the logs and X-Ray every function has). */
function expectedActions(needs: FunctionNeeds): string[] {
  const actions = [
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ];
  const read = ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem', 'DescribeTable'].map(
    (a) => `dynamodb:${a}`,
  );
  const write = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].map((a) => `dynamodb:${a}`);
  if (needs.table) actions.push('kms:Decrypt', 'kms:DescribeKey');
  if (needs.table === 'read' || needs.table === 'read-write') actions.push(...read);
  if (needs.table === 'write' || needs.table === 'read-write')
    actions.push(...write, 'kms:Encrypt', 'kms:GenerateDataKey');
  if (needs.tokenKey?.includes('encrypt')) actions.push('kms:Encrypt');
  if (needs.tokenKey?.includes('decrypt')) actions.push('kms:Decrypt');
  if (needs.metaSecret) actions.push('secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret');
  if (needs.putEvents) actions.push('events:PutEvents');
  if (needs.exportBucket === 'write') actions.push('s3:PutObject', 's3:DeleteObject');
  if (needs.exportBucket === 'read') actions.push('s3:GetObject');
  if (needs.sendTo?.length) actions.push('sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl');
  if (needs.timesOwnRetries)
    actions.push(
      'sqs:ChangeMessageVisibility',
      'sqs:SendMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
    );
  return [...new Set(actions)].sort();
}
