import {
  DescribeReplayCommand,
  EventBridgeClient,
  PutEventsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createEventBridgeClient, createSqsClient } from '../../local/infra/aws-clients';
import { startEventBus, type LocalEventBus } from '../../local/infra/event-bus';
import { startQueueBroker, type QueueBroker } from '../../local/infra/queue-broker';

// received messages are never deleted here: a long visibility keeps one test's from reappearing in the next
const spec = (name: string) => ({ name, batchSize: 10, maxReceiveCount: 3, visibilityTimeoutSeconds: 60 });

describe('local EventBridge bus', () => {
  let broker: QueueBroker;
  let sqs: SQSClient;
  let bus: LocalEventBus;
  let eb: EventBridgeClient;

  beforeAll(async () => {
    broker = await startQueueBroker({ queues: [spec('t-created'), spec('t-deleted')] });
    sqs = createSqsClient(broker.endpoint);
    bus = await startEventBus({
      busName: 'test-bus',
      queueUrls: broker.queueUrls,
      sqs,
      rules: [
        {
          name: 'created',
          source: 'test.src',
          detailTypes: ['thing.created', 'thing.updated'],
          queue: 't-created',
        },
        { name: 'deleted', source: 'test.src', detailTypes: ['thing.deleted'], queue: 't-deleted' },
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
    // PutEvents answered when the events were accepted; their deliveries follow
    await bus.settled();
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: broker.queueUrls[queue],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
      }),
    );
    const messages = out.Messages ?? [];
    // deleted once read, so a message never comes back into a later test after its visibility timeout
    if (messages.length > 0)
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: broker.queueUrls[queue],
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    return messages.map((m) => JSON.parse(m.Body!));
  };

  it('delivers each event to the queue of the matching rule only, as an EventBridge envelope', async () => {
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'test-bus',
            Source: 'test.src',
            DetailType: 'thing.created',
            Detail: JSON.stringify({ id: 'a1' }),
            Resources: ['r:1'],
          },
          {
            EventBusName: 'test-bus',
            Source: 'other.src',
            DetailType: 'thing.created',
            Detail: '{"id":"ignored"}',
          },
          {
            EventBusName: 'test-bus',
            Source: 'test.src',
            DetailType: 'thing.archived',
            Detail: '{"id":"nobody"}',
          },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries?.every((e) => typeof e.EventId === 'string')).toBe(true);

    const created = await drain('t-created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      version: '0',
      id: out.Entries![0]!.EventId,
      'detail-type': 'thing.created',
      source: 'test.src',
      account: '000000000000',
      region: 'us-east-1',
      resources: ['r:1'],
      detail: { id: 'a1' },
    });
    expect(created[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await drain('t-deleted')).toHaveLength(0);

    await eb.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'test-bus', Source: 'test.src', DetailType: 'thing.deleted', Detail: '{"id":"d"}' },
        ],
      }),
    );
    expect((await drain('t-deleted')).map((e) => e.detail.id)).toEqual(['d']);
    expect(await drain('t-created')).toHaveLength(0);
  });

  it('sends the events of concurrent PutEvents calls to SQS in batches, each exactly once', async () => {
    const calls: string[] = [];
    const send = sqs.send.bind(sqs);
    const spy = jest.spyOn(sqs, 'send').mockImplementation(((cmd: { constructor: { name: string } }) => {
      calls.push(cmd.constructor.name);
      return send(cmd as never);
    }) as never);
    try {
      const ids = Array.from({ length: 30 }, (_, i) => `b${i}`);
      await Promise.all(
        ids.map((id) =>
          eb.send(
            new PutEventsCommand({
              Entries: [
                {
                  EventBusName: 'test-bus',
                  Source: 'test.src',
                  DetailType: 'thing.updated',
                  Detail: `{"id":"${id}"}`,
                },
              ],
            }),
          ),
        ),
      );
      const received: string[] = [];
      for (let batch = await drain('t-created'); batch.length > 0; batch = await drain('t-created'))
        received.push(...batch.map((e) => e.detail.id));
      expect(received.sort()).toEqual([...ids].sort());
      const sends = calls.filter((c) => c.startsWith('SendMessage'));
      expect(sends.every((c) => c === 'SendMessageBatchCommand')).toBe(true);
      // 30 events in fewer SQS calls than events: several requests were served in the same turn
      expect(sends.length).toBeLessThan(30);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps recent events, filterable, over HTTP too', async () => {
    bus.clear();
    await eb.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'test-bus', Source: 'test.src', DetailType: 'thing.updated', Detail: '{"n":1}' },
          { EventBusName: 'test-bus', Source: 'test.src', DetailType: 'thing.deleted', Detail: '{"n":2}' },
        ],
      }),
    );
    expect(bus.events({ detailType: 'thing.updated' }).map((e) => e.envelope.detail)).toEqual([{ n: 1 }]);
    await bus.settled();
    expect(bus.events()[0]!.deliveries).toEqual([
      expect.objectContaining({ rule: 'created', queue: 't-created', messageId: expect.any(String) }),
    ]);
    const res = await fetch(`${bus.url}/_bus/events?detailType=thing.deleted&source=test.src`);
    const body = (await res.json()) as { events: Array<{ envelope: { detail: unknown } }> };
    expect(body.events.map((e) => e.envelope.detail)).toEqual([{ n: 2 }]);
    expect((await fetch(`${bus.url}/_bus/events`, { method: 'DELETE' })).status).toBe(204);
    expect(bus.events()).toHaveLength(0);
    await drain('t-created');
    await drain('t-deleted');
  });

  it('validates like EventBridge', async () => {
    const entry = { EventBusName: 'test-bus', Source: 'test.src', DetailType: 'x', Detail: '{}' };
    await expect(
      eb.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      eb.send(
        new PutEventsCommand({
          Entries: [{ ...entry, Detail: JSON.stringify({ big: 'x'.repeat(256 * 1024) }) }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const out = await eb.send(
      new PutEventsCommand({
        Entries: [
          { ...entry, Detail: 'not json' },
          { ...entry, Detail: '[1,2]' },
          { ...entry, EventBusName: 'nope' },
          { EventBusName: 'test-bus', DetailType: 'x', Detail: '{}' },
          entry,
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(4);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'MalformedDetail',
      'MalformedDetail',
      'ResourceNotFoundException',
      'InvalidArgument',
      'ok',
    ]);
  });
  describe('archive and replay (StartReplay, DescribeReplay)', () => {
    const put = (detailType: string, id: string, time: Date) =>
      eb.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'test-bus',
              Source: 'test.src',
              DetailType: detailType,
              Detail: JSON.stringify({ id }),
              Time: time,
            },
          ],
        }),
      );
    const finished = async (name: string) => {
      for (let i = 0; i < 200; i++) {
        const r = await eb.send(new DescribeReplayCommand({ ReplayName: name }));
        if (r.State === 'COMPLETED' || r.State === 'FAILED') return r;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`replay ${name} did not finish`);
    };
    const window = {
      EventSourceArn: '',
      EventStartTime: new Date('2026-11-02T10:00:00Z'),
      EventEndTime: new Date('2026-11-02T11:00:00Z'),
    };
    beforeAll(() => {
      window.EventSourceArn = bus.archiveArn;
    });

    it('resends a window of the archive to the filtered rules, marked, and never archives it again', async () => {
      await put('thing.created', 'before', new Date('2026-11-02T09:59:00Z'));
      await put('thing.created', 'first', new Date('2026-11-02T10:00:00Z'));
      await put('thing.deleted', 'gone', new Date('2026-11-02T10:10:00Z'));
      await put('thing.created', 'second', new Date('2026-11-02T10:30:00Z'));
      await put('thing.created', 'after', new Date('2026-11-02T11:00:00Z'));
      await drain('t-created');
      await drain('t-deleted');

      const replay = (name: string) =>
        eb.send(
          new StartReplayCommand({
            ...window,
            ReplayName: name,
            Destination: { Arn: bus.busArn, FilterArns: [bus.ruleArns.created!] },
          }),
        );
      expect(await replay('after-incident')).toMatchObject({
        State: 'STARTING',
        ReplayArn: expect.stringContaining('after-incident'),
      });
      expect(await finished('after-incident')).toMatchObject({
        State: 'COMPLETED',
        EventSourceArn: bus.archiveArn,
        EventLastReplayedTime: new Date('2026-11-02T10:30:00Z'),
      });
      expect((await drain('t-created')).map((e) => [e.detail.id, e['replay-name']])).toEqual([
        ['first', 'after-incident'],
        ['second', 'after-incident'],
      ]);
      // the rule of thing.deleted was not in FilterArns
      expect(await drain('t-deleted')).toEqual([]);

      // replayed events were not archived: a second replay resends the same two, not four
      await replay('again');
      await finished('again');
      expect((await drain('t-created')).map((e) => e.detail.id)).toEqual(['first', 'second']);
    });

    it('refuses what EventBridge refuses', async () => {
      const base = { ...window, Destination: { Arn: bus.busArn } };
      await eb.send(new StartReplayCommand({ ...base, ReplayName: 'taken' }));
      await finished('taken');
      const refused = (input: Partial<typeof base> & { ReplayName: string }) =>
        eb.send(new StartReplayCommand({ ...base, ...input }));
      await expect(refused({ ReplayName: 'taken' })).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
      });
      await expect(
        refused({ ReplayName: 'no-archive', EventSourceArn: `${bus.archiveArn}-x` }),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(
        refused({ ReplayName: 'backwards', EventEndTime: new Date('2026-11-02T09:00:00Z') }),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(
        refused({ ReplayName: 'elsewhere', Destination: { Arn: `${bus.busArn}-other` } }),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringMatching(/Cross event bus/),
      });
      await expect(eb.send(new DescribeReplayCommand({ ReplayName: 'never-started' }))).rejects.toMatchObject(
        {
          name: 'ResourceNotFoundException',
        },
      );
    });
  });
});
