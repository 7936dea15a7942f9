/**
 * Observability in the template: every function's tracing and Powertools settings, the dashboard (every
 * catalogue metric, every function, queue and DLQ), and the alarms beside the DLQ, error and 5xx ones,
 * each on the encrypted alarm topic. Metric names and dimensions are checked against the catalogue the
 * functions emit by, so the two cannot drift.
 */
import type { Stack } from 'aws-cdk-lib';
import { QUEUES, retryScheduleOf } from '../../lambdas/app/topology';
import { METRIC_CATALOGUE, SERVICE_NAME } from '../../lambdas/platform/core/observability/metric-catalogue';
import { oldestMessageAlarmSeconds } from '../../lib/constructs/observability-alarms';
import { logicalId, nagFindings, synth, type Json, type Synthesized } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synth({
    metaAppId: '987654321012345',
    alarmEmail: 'ops@example.com',
    crmWebhookUrl: 'https://crm.example.com/hook',
  });
});

const props = (resource: unknown): Json => (resource as { Properties: Json }).Properties;
const resources = (type: string) => Object.entries(s.template.findResources(type));
const topicRef = () => ({ Ref: logicalId(s.stack, s.stack.alarms.topic) });
const NAMESPACE = 'MetaConnectorTest';

/**
 * The dashboard body as JSON: CloudFormation joins it from strings and references, which become
 * `<<Ref:Id>>` / `<<GetAtt:Id.Attr>>` here.
 */
function dashboardBody(stack: Stack, body: unknown): { widgets: Array<{ properties: Json }> } {
  const resolved = stack.resolve(body) as { 'Fn::Join': [string, unknown[]] } | string;
  if (typeof resolved === 'string') return JSON.parse(resolved);
  const text = resolved['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const p = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      if (p.Ref) return `<<Ref:${p.Ref}>>`;
      if (p['Fn::GetAtt']) return `<<GetAtt:${p['Fn::GetAtt'].join('.')}>>`;
      return '<<token>>';
    })
    .join('');
  return JSON.parse(text);
}

describe('every function', () => {
  const functions = () =>
    resources('AWS::Lambda::Function').filter(([, f]) => props(f).Handler === 'index.handler');

  test('is traced and carries the Powertools settings the dashboard and alarms read back', () => {
    expect(functions().length).toBeGreaterThan(20);
    for (const [, fn] of functions()) {
      const p = props(fn);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect((p.Environment as { Variables: Json }).Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        // what X-Ray and the log must never get: responses, error messages, events
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      });
    }
  });

  test('may send its traces to X-Ray', () => {
    const role = s.stack.httpFunctions.get('meta-webhook')!.role;
    const statements = resources('AWS::IAM::Policy')
      .filter(([, p]) =>
        (props(p).Roles as Array<{ Ref: string }>).some((r) => r.Ref === logicalId(s.stack, role)),
      )
      .flatMap(
        ([, p]) => (props(p).PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement,
      );
    expect(statements.flatMap((st) => [st.Action].flat())).toEqual(
      expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']),
    );
  });
});

describe('the dashboard', () => {
  const body = () => {
    const dashboards = resources('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const [, dash] = dashboards[0]!;
    expect(props(dash).DashboardName).toBe(s.stack.stackName);
    return dashboardBody(s.stack, props(dash).DashboardBody);
  };
  /** every metric line and SEARCH expression of every graph */
  const lines = () =>
    body()
      .widgets.filter((w) => w.properties.metrics)
      .flatMap((w) => w.properties.metrics as unknown[][]);
  const text = () => JSON.stringify(body());

  test('graphs every metric of the catalogue, in the stack namespace, with the service dimension', () => {
    for (const spec of Object.values(METRIC_CATALOGUE)) {
      const direct = lines().some((l) => l[0] === NAMESPACE && l[1] === spec.name && l.includes('service'));
      const searched = text().includes(`MetricName=\\"${spec.name}\\" service=\\"${SERVICE_NAME}\\"`);
      expect({ metric: spec.name, graphed: direct || searched }).toEqual({
        metric: spec.name,
        graphed: true,
      });
    }
  });

  test('graphs each closed dimension value the code can emit, e.g. every webhook outcome', () => {
    for (const outcome of METRIC_CATALOGUE.webhookDeliveries.dimensions.Outcome) {
      expect(lines()).toContainEqual(
        expect.arrayContaining([NAMESPACE, 'WebhookDeliveries', 'Outcome', outcome, 'service', SERVICE_NAME]),
      );
    }
  });

  test('graphs errors, throttles and duration of every function', () => {
    const fnCount = resources('AWS::Lambda::Function').filter(
      ([, f]) => props(f).Handler === 'index.handler',
    ).length;
    for (const metric of ['Errors', 'Throttles', 'Duration']) {
      const perFunction = lines().filter((l) => l[0] === 'AWS/Lambda' && l[1] === metric);
      expect({ metric, functions: perFunction.length }).toEqual({ metric, functions: fnCount });
    }
  });

  test('graphs the depth and the oldest message of every work queue, and every DLQ', () => {
    const queueNames = (metric: string) =>
      lines()
        .filter((l) => l[0] === 'AWS/SQS' && l[1] === metric)
        .map((l) => String(l[3]));
    const age = queueNames('ApproximateAgeOfOldestMessage');
    const depth = queueNames('ApproximateNumberOfMessagesVisible');
    for (const q of s.stack.queues.all) {
      const name = `<<GetAtt:${logicalId(s.stack, q.queue)}.QueueName>>`;
      expect(age).toContain(name);
      expect(depth).toContain(name);
      expect(depth).toContain(`<<GetAtt:${logicalId(s.stack, q.dlq)}.QueueName>>`);
    }
    expect(depth).toContain(`<<GetAtt:${logicalId(s.stack, s.stack.schedules.failures)}.QueueName>>`);
    expect(depth).toContain(`<<GetAtt:${logicalId(s.stack, s.stack.crmWebhook!.dlq)}.QueueName>>`);
  });

  test('shows every alarm of the stack by state', () => {
    const statusWidget = body().widgets.find((w) => w.properties.alarms);
    const shown = (statusWidget!.properties.alarms as string[]).length;
    expect(shown).toBe(resources('AWS::CloudWatch::Alarm').length);
  });
});

describe('the new alarms', () => {
  const alarms = (): Array<Json & { id: string }> =>
    resources('AWS::CloudWatch::Alarm').map(([id, a]) => ({ id, ...props(a) }));

  test('the oldest message of each work queue, past what its retry schedule can explain', () => {
    const expected: Record<string, number> = {
      // 180 s visibility: max(step × 1.2, 180) for 7 retries = 5,760 s, + a last attempt, + 900 s of send delay
      'lead-fetch': 6840,
      inbox: 6324,
      publish: 6564,
      ads: 6564,
      deletion: 7440,
      insights: 9180,
      content: 6324,
      // 60 s visibility, like the inbox
      'whatsapp-template-status': 6324,
      // 30 s visibility: the retry steps alone set it
      'delivery-log': 6210,
    };
    for (const spec of QUEUES) {
      expect({ queue: spec.name, seconds: oldestMessageAlarmSeconds(spec) }).toEqual({
        queue: spec.name,
        seconds: expected[spec.name],
      });
      // never while a message may still be legitimately retrying: after every step, jitter included
      const { stepsSeconds, maxAttempts, jitter } = retryScheduleOf(spec);
      const retrying =
        Array.from(
          { length: maxAttempts - 1 },
          (_, i) => stepsSeconds[Math.min(i, stepsSeconds.length - 1)]!,
        ).reduce((a, b) => a + b, 0) *
        (1 + jitter);
      expect(oldestMessageAlarmSeconds(spec)).toBeGreaterThan(retrying);

      const queue = s.stack.queues.get(spec.name).queue;
      s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateAgeOfOldestMessage',
        Namespace: 'AWS/SQS',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(s.stack, queue), 'QueueName'] } },
        ],
        Statistic: 'Maximum',
        Threshold: expected[spec.name],
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [topicRef()],
      });
    }
  });

  test('throttles of every function, sustained for ten minutes', () => {
    const throttleAlarms = alarms().filter((a) => a.MetricName === 'Throttles');
    const fnCount = resources('AWS::Lambda::Function').filter(
      ([, f]) => props(f).Handler === 'index.handler',
    ).length;
    expect(throttleAlarms).toHaveLength(fnCount);
    for (const a of throttleAlarms) {
      expect(a).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Threshold: 1,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        AlarmActions: [topicRef()],
      });
    }
  });

  const mathAlarm = (metricName: string) =>
    alarms().find((a) =>
      ((a.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string } } }>) ?? []).some(
        (m) => m.MetricStat?.Metric.MetricName === metricName,
      ),
    );

  test('the share of webhook deliveries refused for their signature', () => {
    const alarm = mathAlarm('WebhookDeliveries')!;
    expect(alarm).toMatchObject({ Threshold: 0.5, EvaluationPeriods: 2, AlarmActions: [topicRef()] });
    const metrics = alarm.Metrics as Array<Json & { MetricStat?: { Metric: Json } }>;
    const outcomes = metrics.flatMap((m) =>
      m.MetricStat ? [m.MetricStat.Metric.Dimensions as Array<{ Name: string; Value: string }>] : [],
    );
    for (const outcome of METRIC_CATALOGUE.webhookDeliveries.dimensions.Outcome) {
      expect(outcomes).toContainEqual(
        expect.arrayContaining([
          { Name: 'Outcome', Value: outcome },
          { Name: 'service', Value: SERVICE_NAME },
        ]),
      );
    }
    for (const m of metrics.filter((x) => x.MetricStat))
      expect(m.MetricStat!.Metric).toMatchObject({ Namespace: NAMESPACE });
    expect(metrics.find((m) => m.Expression)!.Expression).toMatch(/^IF\(refused >= 3, refused \//);
  });

  test('sustained waits at the rate limit, of the app and of ad accounts', () => {
    const alarm = mathAlarm('GraphRateLimitWaits')!;
    expect(alarm).toMatchObject({
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 1,
      AlarmActions: [topicRef()],
    });
    const dims = (alarm.Metrics as Array<{ MetricStat?: { Metric: { Dimensions: unknown[] } } }>)
      .filter((m) => m.MetricStat)
      .map((m) => m.MetricStat!.Metric.Dimensions);
    expect(dims).toEqual(
      expect.arrayContaining(
        ['app', 'ad_account'].map((scope) =>
          expect.arrayContaining([
            { Name: 'Scope', Value: scope },
            { Name: 'Severity', Value: 'at_limit' },
          ]),
        ),
      ),
    );
  });

  test('the app-wide Graph pause holding for fifteen minutes', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: METRIC_CATALOGUE.graphCallsPaused.name,
      Namespace: NAMESPACE,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Sum',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      AlarmActions: [topicRef()],
    });
  });

  test('every alarm of the stack notifies the encrypted alarm topic', () => {
    for (const a of alarms())
      expect({ alarm: a.id, actions: a.AlarmActions }).toEqual({ alarm: a.id, actions: [topicRef()] });
    const [, topic] = resources('AWS::SNS::Topic')[0]!;
    expect(props(topic).KmsMasterKeyId).toBeDefined();
  });

  test('leave all three cdk-nag packs clean', () => {
    expect(nagFindings(s.stack)).toEqual([]);
  });
});
