/**
 * The three handler wrappers' Powertools middlewares, through real handlers and real event shapes: an API
 * Gateway payload 2.0 event for the webhook, an SQS event of EventBridge envelopes for the lead worker, a
 * Scheduled Event for a job. What they print is what Lambda would send to CloudWatch Logs: JSON log lines
 * carrying the Lambda context, and one EMF blob per set of dimensions when the invocation ends.
 *
 * The handlers run on the local runtime's infrastructure (DynamoDB, SQS, EventBridge, Secrets Manager,
 * the Meta simulator) with dependencies built here, as Lambda builds them, but with the logger at INFO and
 * metrics on standard output.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSRecord } from 'aws-lambda';
import { buildHttpApiEvent } from '../../local/http/apigw-event';
import { createLambdaContext } from '../../local/lambda/lambda-context';
import { toSqsRecord } from '../../local/infra/sqs-poller';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../../local/infra/aws-clients';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { buildDependencies, type AppDependencies } from '../../lambdas/handlers/common/dependencies';
import { createTelemetry } from '../../lambdas/platform/handlers/telemetry';
import { createHandler as webhookHandler } from '../../lambdas/modules/webhooks/handlers/meta-webhook';
import { createHandler as leadWorker } from '../../lambdas/modules/leads/handlers/lead-fetch';
import { createHandler as tokenWatch } from '../../lambdas/modules/connections/handlers/token-watch';
import { captureOutput } from '../support/capture-output';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect } from '../support/meta-connect';
import { simLead, waitForLead } from '../support/leads';
import { signBody } from '../support/webhooks';

const output = captureOutput();
const rt = withLocalRuntime();

/** Every JSON line printed since `mark` (a position in the captured output). */
function printedSince(mark: number): Array<Record<string, any>> {
  return output
    .text()
    .slice(mark)
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);
}

const isEmf = (line: Record<string, any>) => line._aws !== undefined;
/** The EMF blobs that name this metric. */
const emf = (lines: Array<Record<string, any>>, metric: string) =>
  lines.filter(
    (l) => isEmf(l) && l._aws.CloudWatchMetrics[0].Metrics.some((m: { Name: string }) => m.Name === metric),
  );

let deps: AppDependencies;
const initializationType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
beforeAll(() => {
  // what Lambda sets in an on-demand execution environment: Powertools reports cold starts only there
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  // as Lambda builds them (aws-dependencies.ts): Powertools logger and EMF to standard output
  deps = buildDependencies(rt.runtime.config, {
    ...rt.runtime.clients,
    logger: new Logger({ serviceName: 'meta-connector', logLevel: 'INFO' }),
    telemetry: createTelemetry({ tracing: false, namespace: 'ObservabilityTest' }),
  });
});
afterAll(() => {
  if (initializationType === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initializationType;
});

/** Invokes a handler as Lambda does and returns its answer with what it printed. */
async function invoke<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  event: E,
  functionName: string,
): Promise<{ result: R; printed: Array<Record<string, any>>; context: Context }> {
  const context = createLambdaContext({ functionName });
  const mark = output.text().length;
  const result = await handler(event, context);
  return { result, printed: printedSince(mark), context };
}

/** What API Gateway hands the webhook function for a request from Meta (payload format 2.0). */
function webhookEvent(method: 'GET' | 'POST', query: string, body: string, headers: Record<string, string>) {
  return buildHttpApiEvent(
    {
      method,
      url: `/api/v1/meta/webhook${query}`,
      rawHeaders: Object.entries(headers).flat(),
      body: Buffer.from(body),
      sourceIp: '173.252.127.1',
      protocol: 'HTTP/1.1',
      localPort: 443,
    },
    {
      routeKey: `${method} /api/v1/meta/webhook`,
      pathParameters: {},
      requestId: randomUUID(),
      now: new Date(),
      apiId: 'observability',
      accountId: LOCAL_ACCOUNT_ID,
      stage: '$default',
    },
  );
}
const delivered = (body: string, headers: Record<string, string>) =>
  webhookEvent('POST', '', body, { 'content-type': 'application/json', ...headers });

describe('the HTTP wrapper (webhook)', () => {
  const delivery = JSON.stringify({
    object: 'page',
    entry: [
      { id: '555', time: 1, changes: [{ field: 'leadgen', value: { leadgen_id: '9', page_id: '555' } }] },
    ],
  });

  it('logs with the request id and the cold start, and prints the delivery outcome as EMF at the end', async () => {
    const handler = webhookHandler(deps);
    const signed = await invoke(
      handler,
      delivered(delivery, { 'x-hub-signature-256': signBody(rt.runtime.metaApp.appSecret, delivery) }),
      'http-webhook',
    );
    expect(signed.result).toMatchObject({ statusCode: 200 });
    const accepted = signed.printed.find((l) => l.message === 'webhook accepted')!;
    expect(accepted).toMatchObject({
      service: 'meta-connector',
      function_request_id: signed.context.awsRequestId,
      function_name: 'http-webhook',
      cold_start: true,
    });
    const [blob] = emf(signed.printed, 'WebhookDeliveries');
    expect(blob).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'ObservabilityTest',
            Dimensions: [expect.arrayContaining(['service', 'Outcome'])],
            Metrics: [{ Name: 'WebhookDeliveries', Unit: 'Count' }],
          },
        ],
      },
      service: 'meta-connector',
      Outcome: 'handed_off',
      WebhookDeliveries: 1,
    });
    // flushed when the invocation ends: after the handler's own log lines
    expect(signed.printed.indexOf(blob!)).toBeGreaterThan(signed.printed.indexOf(accepted));

    const unsigned = await invoke(handler, delivered(delivery, {}), 'http-webhook');
    expect(unsigned.result).toMatchObject({ statusCode: 401 });
    expect(unsigned.printed.find((l) => l.message === 'webhook signature refused')).toMatchObject({
      function_request_id: unsigned.context.awsRequestId,
      cold_start: false,
    });
    expect(emf(unsigned.printed, 'WebhookDeliveries')).toEqual([
      expect.objectContaining({ Outcome: 'signature_refused', WebhookDeliveries: 1 }),
    ]);
    // nothing carried over from the first invocation
    expect(emf(unsigned.printed, 'WebhookDeliveries')).toHaveLength(1);
  });

  it('never logs the event, and an invocation that counted nothing prints no EMF', async () => {
    const handshake = webhookEvent(
      'GET',
      '?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42',
      '',
      {},
    );
    const { result, printed } = await invoke(webhookHandler(deps), handshake, 'http-webhook');
    expect(result).toMatchObject({ statusCode: 403 });
    expect(printed.filter(isEmf)).toEqual([]);
    // neither the query (the token tried, the challenge) nor the caller's address
    expect(JSON.stringify(printed)).not.toContain('hub.');
    expect(JSON.stringify(printed)).not.toContain('173.252.127.1');
    expect(printed.map((l) => l.message)).not.toContain(
      expect.stringContaining('No application metrics to publish'),
    );
  });
});

describe('the SQS wrapper (lead worker) and the schedule wrapper (token watch)', () => {
  const TENANT = 'observability-co';
  beforeAll(async () => {
    await connectAndSelect(rt, TENANT, { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  });

  it('a batch of a redelivered lead and an unreadable message: partial response, both counted', async () => {
    const { leadgenId } = await simLead(rt);
    await waitForLead(rt, TENANT, leadgenId);
    // the envelope the bus delivered to the lead-fetch queue, delivered again
    const envelope = rt.runtime
      .events({ detailType: 'meta.page.leadgen' })
      .map((e) => e.envelope)
      .find((e) => (e.detail as any).value.leadgen_id === leadgenId)!;
    const record = (body: string): SQSRecord =>
      toSqsRecord(
        {
          MessageId: randomUUID(),
          ReceiptHandle: randomUUID(),
          Body: body,
          Attributes: { ApproximateReceiveCount: '2', SentTimestamp: String(Date.now()) },
        },
        rt.runtime.queues.arns['lead-fetch']!,
      );
    const batch = { Records: [record(JSON.stringify(envelope)), record('not an envelope')] };

    const { result, printed, context } = await invoke(leadWorker(deps), batch, 'worker-lead-fetch');
    // the unreadable one was sent on to the DLQ (a marked copy): the batch itself succeeds
    expect(result).toEqual({ batchItemFailures: [] });
    expect(printed.find((l) => l.message === 'leadgen processed')).toMatchObject({
      function_request_id: context.awsRequestId,
      function_name: 'worker-lead-fetch',
      outcome: 'routed',
    });
    expect(emf(printed, 'LeadDuplicates')).toEqual([
      expect.objectContaining({ Source: 'webhook', LeadDuplicates: 1, service: 'meta-connector' }),
    ]);
    expect(emf(printed, 'QueueMessageFailures')).toEqual([
      expect.objectContaining({ Queue: 'lead-fetch', Action: 'dead_letter', QueueMessageFailures: 1 }),
    ]);
    // dimensions stay low-cardinality: no tenant, lead or page id in any blob
    for (const blob of printed.filter(isEmf)) {
      expect(JSON.stringify(blob)).not.toContain(TENANT);
      expect(JSON.stringify(blob)).not.toContain(leadgenId);
    }
  });

  it('a scheduled run counts its Graph calls by status and error code', async () => {
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event' as const,
      source: 'aws.events',
      account: LOCAL_ACCOUNT_ID,
      time: new Date().toISOString(),
      region: LOCAL_REGION,
      resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/token-watch`],
      detail: {},
    };
    const { printed, context } = await invoke(tokenWatch(deps), event, 'schedule-token-watch');
    expect(printed.find((l) => l.message === 'scheduled job done')).toMatchObject({
      job: 'token-watch',
      function_request_id: context.awsRequestId,
    });
    const calls = emf(printed, 'GraphCalls');
    expect(calls).toEqual(
      expect.arrayContaining([expect.objectContaining({ Status: '200', ErrorCode: 'none' })]),
    );
    const [duration] = emf(printed, 'GraphCallDuration');
    expect(duration).toMatchObject({ service: 'meta-connector' });
    expect(duration!._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'GraphCallDuration', Unit: 'Milliseconds' },
    ]);
  });
});

describe('locally', () => {
  it('the runtime traces nothing and prints no EMF', async () => {
    expect(rt.runtime.deps.telemetry.tracer).toBeUndefined();
    // the X-Ray SDK was never loaded: it would turn on async hooks for the whole process
    expect(Object.keys((process as { namespaces?: object }).namespaces ?? {})).not.toContain('AWSXRay');
    const mark = output.text().length;
    const delivery = JSON.stringify({ object: 'page', entry: [] });
    const res = await fetch(`${rt.runtime.apiUrl}/api/v1/meta/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(rt.runtime.metaApp.appSecret, delivery),
      },
      body: delivery,
    });
    expect(res.status).toBe(200);
    expect(printedSince(mark).filter(isEmf)).toEqual([]);
  });
});
