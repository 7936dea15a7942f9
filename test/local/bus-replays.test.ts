/**
 * The local bus's archive and EventBridge's replay API on it, through the AWS SDK: a window of archived
 * events is resent, marked with `replay-name`, only to the rules named in FilterArns, and never archived
 * again; StartReplay refuses what EventBridge refuses.
 */
import {
  DescribeReplayCommand,
  PutEventsCommand,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createEventBridgeClient, createSqsClient } from '../../local/infra/aws-clients';
import { startEventBus, type LocalEventBus } from '../../local/infra/event-bus';
import { startQueueBroker, type QueueBroker } from '../../local/infra/queue-broker';

const spec = (name: string) => ({ name, batchSize: 10, maxReceiveCount: 3, visibilityTimeoutSeconds: 1 });

let broker: QueueBroker;
let sqs: SQSClient;
let bus: LocalEventBus;
let eb: EventBridgeClient;

beforeAll(async () => {
  broker = await startQueueBroker({ queues: [spec('r-orders'), spec('r-audit')] });
  sqs = createSqsClient(broker.endpoint);
  bus = await startEventBus({
    busName: 'replay-bus',
    queueUrls: broker.queueUrls,
    sqs,
    rules: [
      { name: 'orders', source: 'shop', detailTypes: ['order.placed'], queue: 'r-orders' },
      { name: 'audit', source: 'shop', detailTypes: ['order.placed'], queue: 'r-audit' },
    ],
  });
  eb = createEventBridgeClient(bus.url);
});
afterAll(async () => {
  eb.destroy();
  await bus.close();
  sqs.destroy();
  await broker.close();
});

const drain = async (queue: string) => {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: broker.queueUrls[queue],
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 0,
    }),
  );
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body!));
};

const put = (id: string, time: Date) =>
  eb.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'replay-bus',
          Source: 'shop',
          DetailType: 'order.placed',
          Detail: JSON.stringify({ id }),
          Time: time,
        },
      ],
    }),
  );

async function finished(name: string) {
  for (let i = 0; i < 200; i++) {
    const r = await eb.send(new DescribeReplayCommand({ ReplayName: name }));
    if (r.State === 'COMPLETED' || r.State === 'FAILED') return r;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`replay ${name} did not finish`);
}

test('a window of the archive is resent to the filtered rules, marked, and not archived again', async () => {
  await put('before', new Date('2026-11-02T09:59:00Z'));
  await put('first', new Date('2026-11-02T10:00:00Z'));
  await put('second', new Date('2026-11-02T10:30:00Z'));
  await put('after', new Date('2026-11-02T11:00:00Z'));
  await drain('r-orders');
  await drain('r-audit');

  const replay = (name: string) =>
    eb.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: bus.archiveArn,
        EventStartTime: new Date('2026-11-02T10:00:00Z'),
        EventEndTime: new Date('2026-11-02T11:00:00Z'),
        Destination: { Arn: bus.busArn, FilterArns: [bus.ruleArns.orders!] },
      }),
    );
  const started = await replay('after-incident');
  expect(started).toMatchObject({ State: 'STARTING', ReplayArn: expect.stringContaining('after-incident') });
  const done = await finished('after-incident');
  expect(done).toMatchObject({
    State: 'COMPLETED',
    EventSourceArn: bus.archiveArn,
    EventLastReplayedTime: new Date('2026-11-02T10:30:00Z'),
  });
  const resent = await drain('r-orders');
  expect(resent.map((e) => [e.detail.id, e['replay-name']])).toEqual([
    ['first', 'after-incident'],
    ['second', 'after-incident'],
  ]);
  // the audit rule was not in FilterArns
  expect(await drain('r-audit')).toEqual([]);

  // replayed events were not archived: a second replay of the window resends the same two, not four
  await replay('again');
  await finished('again');
  expect((await drain('r-orders')).map((e) => e.detail.id)).toEqual(['first', 'second']);
});

test('refuses what EventBridge refuses', async () => {
  const base = {
    EventSourceArn: bus.archiveArn,
    EventStartTime: new Date('2026-11-02T10:00:00Z'),
    EventEndTime: new Date('2026-11-02T11:00:00Z'),
    Destination: { Arn: bus.busArn },
  };
  await eb.send(new StartReplayCommand({ ...base, ReplayName: 'taken' }));
  await finished('taken');
  await expect(eb.send(new StartReplayCommand({ ...base, ReplayName: 'taken' }))).rejects.toMatchObject({
    name: 'ResourceAlreadyExistsException',
  });
  await expect(
    eb.send(
      new StartReplayCommand({ ...base, ReplayName: 'no-archive', EventSourceArn: `${bus.archiveArn}-x` }),
    ),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(
    eb.send(
      new StartReplayCommand({
        ...base,
        ReplayName: 'backwards',
        EventEndTime: new Date('2026-11-02T09:00:00Z'),
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException' });
  await expect(
    eb.send(
      new StartReplayCommand({
        ...base,
        ReplayName: 'elsewhere',
        Destination: { Arn: `${bus.busArn}-other` },
      }),
    ),
  ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/Cross event bus/) });
  await expect(eb.send(new DescribeReplayCommand({ ReplayName: 'never-started' }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
});
