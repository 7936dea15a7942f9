/**
 * Configuration parsing, the external-issuer path, and the generic wiring later issues rely on: a queue that
 * gains a worker, a new bus rule and a new schedule appear without stack changes. One synth covers the
 * external issuer together with an extended copy of the topology.
 */
import { Match } from 'aws-cdk-lib/assertions';
import {
  BUS_RULES,
  INGEST_SOURCE,
  QUEUES,
  SCHEDULES,
  type BusRuleSpec,
  type QueueSpec,
  type ScheduleSpec,
} from '../../lambdas/app/topology';
import { ROUTES } from '../../lambdas/app/route-table';
import cdkJson from '../../cdk.json';
import { readConfig } from '../../lib/config';
import { needsFor, QUEUE_WORKER_NEEDS, type FunctionKind } from '../../lib/function-needs';
import { asArray, identityStatements, logicalId, nagFindings, synth, type Synthesized } from './synth';

const context = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });

describe('readConfig', () => {
  test('defaults: Graph version from cdk.json, Meta hosts, Cognito with custom:tenant_id', () => {
    expect(readConfig(context({}))).toEqual({
      metaAppId: '',
      metaGraphVersion: cdkJson.context.metaGraphVersion,
      metaGraphUrl: 'https://graph.facebook.com',
      metaLoginUrl: 'https://www.facebook.com',
      returnUrlAllowlist: [],
      corsAllowedOrigins: [],
      auth: { kind: 'cognito' },
      tenantClaim: 'custom:tenant_id',
      logLevel: 'INFO',
      reserveConcurrency: true,
      sourceMaps: false,
    });
  });

  test('external issuer: tenant_id claim by default, audience list', () => {
    const config = readConfig(
      context({
        jwtIssuer: 'https://login.example.com/',
        jwtAudience: 'crm-api, crm-web',
        metaGraphUrl: 'https://sim.example.com/',
      }),
    );
    expect(config.auth).toEqual({
      kind: 'external',
      issuer: 'https://login.example.com',
      audience: ['crm-api', 'crm-web'],
    });
    expect(config.tenantClaim).toBe('tenant_id');
    expect(config.metaGraphUrl).toBe('https://sim.example.com');
  });

  test('refuses half an issuer, non-https URLs and secrets in context', () => {
    expect(() => readConfig(context({ jwtIssuer: 'https://login.example.com' }))).toThrow(/jwtAudience/);
    expect(() => readConfig(context({ returnUrlAllowlist: 'http://crm.example.com' }))).toThrow(/https/);
    expect(() => readConfig(context({ metaAppSecret: 'dummy-app-secret-value' }))).toThrow(/secret/);
    expect(() => readConfig(context({ verifyToken: 'dummy-verify-token' }))).toThrow(/secret/);
  });

  test('corsAllowedOrigins: exact origins, https except localhost, never "*" or a port wildcard', () => {
    const cors = (v: unknown) => readConfig(context({ corsAllowedOrigins: v })).corsAllowedOrigins;
    expect(cors('https://crm.example.com/, http://localhost:5173')).toEqual([
      'https://crm.example.com',
      'http://localhost:5173',
    ]);
    expect(cors(['https://a.example', 'https://b.example:8443'])).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(() => cors('*')).toThrow(/corsAllowedOrigins.*every website/);
    expect(() => cors('http://crm.example.com')).toThrow(/https/);
    expect(() => cors('https://crm.example.com/app')).toThrow(/no path/);
    expect(() => cors('http://localhost:*')).toThrow(/exactly/);
  });

  test('crmWebhookUrl: https only; crmEvents defaults to lead.created and must name domain events', () => {
    const crm = (values: Record<string, unknown>) => readConfig(context(values)).crm;
    expect(crm({})).toBeUndefined();
    expect(crm({ crmWebhookUrl: 'https://crm.example.com/hook' })).toEqual({
      url: 'https://crm.example.com/hook',
      events: ['lead.created'],
    });
    expect(
      crm({ crmWebhookUrl: 'https://crm.example.com/hook', crmEvents: 'lead.created, reply.sent' })?.events,
    ).toEqual(['lead.created', 'reply.sent']);
    expect(() => crm({ crmWebhookUrl: 'http://crm.example.com/hook' })).toThrow(/crmWebhookUrl.*https/);
    expect(() => crm({ crmWebhookUrl: 'http://localhost:9000/hook' })).toThrow(/https/);
    expect(() => crm({ crmWebhookUrl: 'https://crm.example.com', crmEvents: 'lead.made' })).toThrow(
      /crmEvents.*lead\.made/,
    );
    expect(() => crm({ crmEvents: 'lead.created' })).toThrow(/crmWebhookUrl/);
  });
});

describe('needsFor', () => {
  test('an undeclared function fails loudly instead of deploying without (or with too many) grants', () => {
    expect(() => needsFor('schedule', 'not-declared')).toThrow(/lib\/function-needs\.ts/);
  });

  test('every topology queue has declared worker needs, ready for when its worker lands', () => {
    for (const q of QUEUES) expect(QUEUE_WORKER_NEEDS).toHaveProperty([q.name]);
  });
});

describe('external issuer with an extended topology', () => {
  const ISSUER = 'https://login.example.com';
  const queues: QueueSpec[] = QUEUES.map((q) => ({ ...q, worker: q.worker ?? q.name }));
  const firstQueue = QUEUES[0]!;
  const rule: BusRuleSpec = {
    name: 'test-leadgen',
    source: INGEST_SOURCE,
    detailTypes: ['page.leadgen'],
    queue: firstQueue.name,
  };
  const schedule: ScheduleSpec = { name: 'test-job', rate: 'rate(1 minute)', job: 'test-job' };
  const needs = (kind: FunctionKind, name: string) =>
    kind === 'schedule' && name === schedule.name ? { table: 'read' as const } : needsFor(kind, name);
  let s: Synthesized;

  beforeAll(() => {
    s = synth(
      { metaAppId: '111', jwtIssuer: ISSUER, jwtAudience: 'crm-api', tenantClaim: 'org' },
      {
        topology: { queues, busRules: [...BUS_RULES, rule], schedules: [...SCHEDULES, schedule] },
        needsFor: needs,
      },
    );
  });

  test('without crmWebhookUrl nothing is forwarded: no API destination, connection or token secret', () => {
    expect(s.template.findResources('AWS::Events::ApiDestination')).toEqual({});
    expect(s.template.findResources('AWS::Events::Connection')).toEqual({});
  });

  test('without corsAllowedOrigins the API has no CorsConfiguration (no browser origin may call it)', () => {
    const api = Object.values(s.template.findResources('AWS::ApiGatewayV2::Api'))[0] as {
      Properties: Record<string, unknown>;
    };
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  test('no user pool; the authorizer trusts the external issuer; the tenant claim is passed on', () => {
    s.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: ISSUER, Audience: ['crm-api'] },
    });
    // every function behind the JWT authorizer reads the claim; the others are not given it
    const tenantApi = [...s.stack.httpFunctions].filter(([name]) =>
      ROUTES.some((r) => r.fn === name && r.auth === 'jwt'),
    );
    expect(tenantApi.length).toBeGreaterThan(0);
    const functions = s.template.findResources('AWS::Lambda::Function');
    for (const [, fn] of tenantApi) {
      const resource = functions[logicalId(s.stack, fn.fn)] as {
        Properties: { Environment: { Variables: object } };
      };
      expect(resource.Properties.Environment.Variables).toMatchObject({ TENANT_CLAIM: 'org' });
    }
    expect(s.template.toJSON().Outputs).not.toHaveProperty('UserPoolId');
  });

  test.each(queues.map((q) => [q.name, q] as const))(
    'the %s worker drains its queue with partial batch failures',
    (name, spec) => {
      const worker = s.stack.workers.workers.get(name)!;
      expect(worker).toBeDefined();
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalId(s.stack, worker.fn) },
        EventSourceArn: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.queues.get(name).queue), 'Arn'] },
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const timeout = (
        s.template.toJSON().Resources[logicalId(s.stack, worker.fn)].Properties as { Timeout: number }
      ).Timeout;
      // AWS guidance (visibility ≥ 6 × timeout) unless function-needs.ts sets one; never above visibility
      expect(timeout).toBeLessThanOrEqual(spec.visibilityTimeoutSeconds);
      const declared = QUEUE_WORKER_NEEDS[name]?.timeoutSeconds;
      expect(timeout).toBe(declared ?? Math.max(3, Math.floor(spec.visibilityTimeoutSeconds / 6)));
    },
  );

  test('a bus rule delivers matching events to its queue, with the DLQ as fallback', () => {
    const target = s.stack.queues.get(rule.queue);
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalId(s.stack, s.stack.bus.bus) },
      EventPattern: { source: [rule.source], 'detail-type': rule.detailTypes },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(s.stack, target.queue), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(s.stack, target.dlq), 'Arn'] } },
        }),
      ],
    });
  });

  test('a schedule invokes its job function', () => {
    const job = s.stack.schedules.jobs.get(schedule.name)!;
    s.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: schedule.rate,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(s.stack, job.fn), 'Arn'] } })],
    });
  });

  test('workers get no wildcard actions either', () => {
    for (const { owner, statement } of identityStatements(s.template)) {
      if (statement.Effect === 'Allow')
        for (const a of asArray(statement.Action)) expect(`${owner}: ${a}`).not.toContain('*');
    }
  });

  test('cdk-nag (all packs) finds nothing unacknowledged', () => {
    expect(nagFindings(s.stack)).toEqual([]);
  });
});
