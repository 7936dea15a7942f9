/**
 * The queue workers' retry wiring, with real SQS (fauxqs) and real SQS event shapes: the lead-fetch
 * queue as the topology declares it (visibility 180 s, 8 receives), a handler built by `sqsHandler`,
 * and a record handler that fails the way a test message asks it to.
 */
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { MetaGraphError } from '../../lambdas/platform/core/graph/graph-error';
import { GraphPausedError } from '../../lambdas/platform/core/graph/graph-outage';
import { sqsHandler, type SqsHandlerDeps, type SqsLambda } from '../../lambdas/platform/handlers/sqs-handler';
import { queueByName } from '../../lambdas/app/topology';
import { quietTelemetry } from '../../lambdas/platform/handlers/telemetry';
import { createSqsClient } from '../../local/infra/aws-clients';
import { startQueueBroker, type QueueBroker } from '../../local/infra/queue-broker';
import { toSqsRecord } from '../../local/infra/sqs-poller';
import { createLambdaContext } from '../../local/lambda/lambda-context';

const QUEUE = 'lead-fetch';
const spec = queueByName(QUEUE);
const pause = {
  untilMs: 0,
  sinceMs: 0,
  level: 0,
  reason: 'graph_failing' as const,
  cause: 'transient_code_2',
};

/** What the record handler does with a message: `fail` names the error, `times` how often. */
type Plan = { fail: 'transient' | 'rate_limited' | 'deleted' | 'paused'; times: number };
const failures: Record<Plan['fail'], () => Error> = {
  transient: () => new MetaGraphError(500, { message: 'An unexpected error has occurred', code: 2 }),
  // Meta says access returns in 5 s
  rate_limited: () => new MetaGraphError(400, { message: '(#613) Calls limit reached', code: 613 }, 5_000),
  deleted: () => new MetaGraphError(400, { message: 'Object does not exist', code: 100, errorSubcode: 33 }),
  paused: () => new GraphPausedError(pause, 500),
};

let broker: QueueBroker;
let sqs: SQSClient;
let handler: SqsLambda;
const runs = new Map<string, number>();

beforeAll(async () => {
  broker = await startQueueBroker({ queues: [spec] });
  sqs = createSqsClient(broker.endpoint);
  const telemetry = quietTelemetry();
  const deps = {
    config: { queueUrls: broker.queueUrls, retryTimeScale: 1 },
    clients: { sqs },
    clock: { now: () => new Date() },
    ids: { next: () => 'id' },
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    telemetry,
  } satisfies SqsHandlerDeps;
  handler = sqsHandler(deps, spec, async (envelope) => {
    const { id, plan } = envelope.detail as { id: string; plan: Plan };
    const n = (runs.get(id) ?? 0) + 1;
    runs.set(id, n);
    if (n <= plan.times) throw failures[plan.fail]();
  });
}, 30_000);
afterAll(async () => {
  sqs?.destroy();
  await broker?.close();
});

let seq = 0;
async function send(plan: Plan): Promise<string> {
  const id = `m${++seq}`;
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: broker.queueUrls[QUEUE],
      MessageBody: JSON.stringify({ 'detail-type': 'test.job', source: 'test', detail: { id, plan } }),
    }),
  );
  return id;
}

async function receive(waitSeconds: number, url = broker.queueUrls[QUEUE]!): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

/** The worker, invoked as Lambda's event source mapping invokes it. */
async function invoke(messages: Message[]) {
  const Records: SQSRecord[] = messages.map((m) => toSqsRecord(m, broker.queueArns[QUEUE]!));
  return handler({ Records }, createLambdaContext({ functionName: 'worker-lead-fetch', timeoutMs: 30_000 }));
}

const idOf = (m: Message) => JSON.parse(m.Body!).detail.id as string;

/** Receives until the message with this id shows up (or `seconds` pass); the rest are left alone. */
async function next(id: string, seconds: number): Promise<{ message: Message; afterMs: number } | null> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    const found = (await receive(1)).find((m) => idOf(m) === id);
    if (found) return { message: found, afterMs: Date.now() - started };
  }
  return null;
}

const depth = async (url: string) =>
  Number(
    (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes?.ApproximateNumberOfMessages ?? 0,
  );

it('a retryable failure comes back after the first backoff step (2 s ± 20 %), not the 180 s visibility timeout', async () => {
  expect(spec.visibilityTimeoutSeconds).toBe(180);
  const id = await send({ fail: 'transient', times: 1 });
  const first = (await next(id, 10))!.message;
  expect(await invoke([first])).toEqual({ batchItemFailures: [{ itemIdentifier: first.MessageId }] });

  const again = await next(id, 15);
  expect(again).not.toBeNull();
  // the step is at least 1.6 s and rounds up to whole seconds
  expect(again!.afterMs).toBeGreaterThanOrEqual(1_500);
  expect(again!.message.Attributes?.ApproximateReceiveCount).toBe('2');
  expect(await invoke([again!.message])).toEqual({ batchItemFailures: [] });
  expect(runs.get(id)).toBe(2);
}, 40_000);

it("Meta's own wait is honoured: back after the 5 s Meta named, not the 2 s step", async () => {
  const id = await send({ fail: 'rate_limited', times: 1 });
  const first = (await next(id, 10))!.message;
  await invoke([first]);
  const again = await next(id, 20);
  expect(again!.afterMs).toBeGreaterThanOrEqual(4_500);
  expect(again!.message.Attributes?.ApproximateReceiveCount).toBe('2');
}, 40_000);

it('a permanent error is not retried: the message goes on to the DLQ, marked with the reason, and never runs again', async () => {
  const id = await send({ fail: 'deleted', times: 1_000 });
  const first = (await next(id, 10))!.message;
  // it leaves this batch as done: its marked copy takes it on to the DLQ
  expect(await invoke([first])).toEqual({ batchItemFailures: [] });
  const dlqBefore = await depth(broker.dlqUrls[QUEUE]!);
  for (let i = 0; i < spec.maxReceiveCount + 2 && (await depth(broker.dlqUrls[QUEUE]!)) === dlqBefore; i++) {
    const copy = await next(id, 3);
    if (!copy) continue;
    expect(copy.message.MessageAttributes?.['dead-letter-reason']?.StringValue).toBe(
      'meta_refused_rejected_code_100',
    );
    expect(await invoke([copy.message])).toEqual({
      batchItemFailures: [{ itemIdentifier: copy.message.MessageId }],
    });
  }
  const dead = (await receive(1, broker.dlqUrls[QUEUE])).filter((m) => idOf(m) === id);
  expect(dead).toHaveLength(1);
  expect(dead[0]!.MessageAttributes?.['dead-letter-reason']?.StringValue).toBe(
    'meta_refused_rejected_code_100',
  );
  expect(runs.get(id)).toBe(1);
}, 60_000);

it('a message held by a paused Graph API outlives any number of receives, then runs', async () => {
  const holds = spec.maxReceiveCount + 2;
  const dlqBefore = await depth(broker.dlqUrls[QUEUE]!);
  const id = await send({ fail: 'paused', times: holds });
  for (let i = 0; i < holds; i++) {
    const got = await next(id, 10);
    expect(got).not.toBeNull();
    // each hold is a fresh copy, its receives counted afresh, so the outage never spends them
    expect(got!.message.Attributes?.ApproximateReceiveCount).toBe('1');
    if (i > 0) expect(got!.message.MessageAttributes?.['retry-held-since']?.DataType).toBe('Number');
    expect(await invoke([got!.message])).toEqual({ batchItemFailures: [] });
  }
  const last = (await next(id, 10))!.message;
  expect(await invoke([last])).toEqual({ batchItemFailures: [] });
  expect(runs.get(id)).toBe(holds + 1);
  expect(await depth(broker.dlqUrls[QUEUE]!)).toBe(dlqBefore);
}, 90_000);
