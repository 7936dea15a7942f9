/**
 * SQS's redrive API (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask) on the local fauxqs,
 * through the AWS SDK: what `npm run ops -- redrive` relies on locally behaves as SQS documents it.
 */
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createSqsClient } from '../../local/infra/aws-clients';
import { startQueueBroker, type QueueBroker } from '../../local/infra/queue-broker';

const QUEUE = {
  name: 'orders',
  worker: 'orders',
  batchSize: 10,
  maxReceiveCount: 1,
  visibilityTimeoutSeconds: 1,
};
let broker: QueueBroker;
let sqs: SQSClient;

beforeAll(async () => {
  broker = await startQueueBroker({ queues: [QUEUE] });
  sqs = createSqsClient(broker.endpoint);
});
afterAll(async () => {
  sqs.destroy();
  await broker.close();
});

const latestTask = async (sourceArn: string) =>
  (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }))).Results ?? [];

async function poll<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('moves every dead-lettered message back to its source queue, attributes included', async () => {
  const queueUrl = broker.queueUrls.orders!;
  for (const n of [1, 2, 3])
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: `order ${n}`,
        MessageAttributes: { tenant: { DataType: 'String', StringValue: 'acme' } },
      }),
    );
  // receive without deleting until fauxqs dead-letters them (maxReceiveCount 1)
  await poll(async () => {
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: broker.dlqUrls.orders!,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    return Attributes?.ApproximateNumberOfMessages === '3' ? true : undefined;
  });

  const started = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: broker.dlqArns.orders! }));
  expect(started.TaskHandle).toEqual(expect.any(String));
  const [task] = await poll(async () => {
    const tasks = await latestTask(broker.dlqArns.orders!);
    return tasks[0]?.Status === 'COMPLETED' ? tasks : undefined;
  });
  expect(task).toMatchObject({
    Status: 'COMPLETED',
    SourceArn: broker.dlqArns.orders,
    ApproximateNumberOfMessagesMoved: 3,
    ApproximateNumberOfMessagesToMove: 3,
  });
  expect(task!.TaskHandle).toBeUndefined();

  const back = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }),
  );
  expect((back.Messages ?? []).map((m) => m.Body).sort()).toEqual(['order 1', 'order 2', 'order 3']);
  for (const m of back.Messages ?? [])
    expect(m.MessageAttributes?.tenant).toMatchObject({ DataType: 'String', StringValue: 'acme' });
});

test('refuses what SQS refuses: a source that is no DLQ, an unknown queue, a bad rate', async () => {
  await expect(
    sqs.send(new StartMessageMoveTaskCommand({ SourceArn: broker.queueArns.orders! })),
  ).rejects.toMatchObject({
    name: 'UnsupportedOperation',
    message: expect.stringMatching(/Dead Letter Queue/),
  });
  await expect(
    sqs.send(new StartMessageMoveTaskCommand({ SourceArn: `${broker.dlqArns.orders!}-missing` })),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(
    sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: broker.dlqArns.orders!,
        DestinationArn: `${broker.queueArns.orders!}-missing`,
      }),
    ),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(
    sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: broker.dlqArns.orders!,
        MaxNumberOfMessagesPerSecond: 501,
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
});
