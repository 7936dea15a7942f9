import {
  ReceiveMessageCommand,
  SendMessageCommand,
  GetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createSqsClient } from '../../local/infra/aws-clients';
import { startQueueBroker, type QueueBroker } from '../../local/infra/queue-broker';
import { failedIds, startSqsPoller, type SqsPoller } from '../../local/infra/sqs-poller';
import { createHandlerLoader } from '../../local/lambda/handler-loader';
import { REPO_ROOT } from '../../local/paths';
import type { FlakyDeps } from './fixtures/flaky-worker';

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs = 30_000) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
};

describe('SQS poller (event source mapping)', () => {
  let broker: QueueBroker;
  let sqs: SQSClient;
  let poller: SqsPoller;
  const deps: FlakyDeps = { batches: [] };

  beforeAll(async () => {
    broker = await startQueueBroker({
      queues: [{ name: 'work', maxReceiveCount: 2, visibilityTimeoutSeconds: 30 }],
      visibilityTimeoutOverrideSeconds: 1,
    });
    sqs = createSqsClient(broker.endpoint);
    poller = startSqsPoller({
      sqs,
      loader: createHandlerLoader(REPO_ROOT, () => deps),
      binding: {
        queueName: 'work',
        queueUrl: broker.queueUrls.work!,
        queueArn: broker.queueArns.work!,
        batchSize: 10,
        entry: 'test/local/fixtures/flaky-worker.ts',
        functionName: 'worker-flaky',
        visibilityTimeoutSeconds: 1,
      },
    });
  });
  afterAll(async () => {
    await poller?.stop();
    sqs.destroy();
    await broker.close();
  });

  const count = async (
    url: string,
    attr: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible',
  ) => {
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [attr] }));
    return Number(out.Attributes?.[attr] ?? 0);
  };

  // the tests share the queue and its DLQ: each counts what it adds, whatever ran before
  const dlqDepth = async () =>
    (await count(broker.dlqUrls.work!, 'ApproximateNumberOfMessages')) +
    (await count(broker.dlqUrls.work!, 'ApproximateNumberOfMessagesNotVisible'));

  it('deletes processed messages, retries failed ones and dead-letters them after maxReceiveCount', async () => {
    const before = await dlqDepth();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: broker.queueUrls.work,
        MessageBody: 'ok-1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: broker.queueUrls.work, MessageBody: 'poison-1' }));

    // the poison message is received maxReceiveCount (2) times, then fauxqs moves it to the DLQ
    await waitFor(async () => (await dlqDepth()) === before + 1);
    const dlq = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: broker.dlqUrls.work, MaxNumberOfMessages: 10 }),
    );
    const bodies = dlq.Messages?.map((m) => m.Body) ?? [];
    expect(bodies).toContain('poison-1');
    expect(bodies).not.toContain('ok-1');
    await waitFor(
      async () =>
        (await count(broker.queueUrls.work!, 'ApproximateNumberOfMessages')) +
          (await count(broker.queueUrls.work!, 'ApproximateNumberOfMessagesNotVisible')) ===
        0,
    );

    const seen = deps.batches.flatMap((b) => b.Records);
    expect(seen.filter((r) => r.body === 'ok-1')).toHaveLength(1); // deleted after the first success
    const poison = seen.filter((r) => r.body === 'poison-1');
    expect(poison.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);

    const ok = seen.find((r) => r.body === 'ok-1')!;
    expect(ok).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: broker.queueArns.work,
      awsRegion: 'us-east-1',
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'greeting', stringListValues: [], binaryListValues: [] },
      },
    });
    expect(ok.attributes.SentTimestamp).toMatch(/^\d+$/);
  });

  it('treats a thrown handler as a failure of the whole batch', async () => {
    const before = await dlqDepth();
    await sqs.send(new SendMessageCommand({ QueueUrl: broker.queueUrls.work, MessageBody: 'explode-1' }));
    await waitFor(
      () => deps.batches.filter((b) => b.Records.some((r) => r.body === 'explode-1')).length >= 2,
    );
    await waitFor(async () => (await dlqDepth()) === before + 1);
  });

  it('reads partial batch responses as Lambda does', () => {
    const ids = new Set(['a', 'b']);
    expect([...failedIds(undefined, ids)]).toEqual([]);
    expect([...failedIds({ batchItemFailures: [] }, ids)]).toEqual([]);
    expect([...failedIds({ batchItemFailures: [{ itemIdentifier: 'b' }] }, ids)]).toEqual(['b']);
    expect([...failedIds({ batchItemFailures: [{ itemIdentifier: 'zzz' }] }, ids)].sort()).toEqual([
      'a',
      'b',
    ]);
    expect([...failedIds({ batchItemFailures: [{ itemIdentifier: '' }] }, ids)].sort()).toEqual(['a', 'b']);
  });
});
