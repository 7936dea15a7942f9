/**
 * One failure policy for everything put on the bus: PutEvents calls of at most 10 entries, the entries
 * EventBridge refuses sent again alone, and a call that keeps being refused fails with the codes. The
 * local bus never refuses an entry, so EventBridge's partial answers are played by an in-memory fake of
 * the bus's port (PutEvents).
 */
import type {
  EventBridgeApi,
  PutEventsEntry,
  PutEventsOutput,
} from '../../lambdas/platform/adapters/aws-http/event-bridge-api';
import {
  BusCommandPublisher,
  BusEventPublisher,
  EventBridgeBus,
  type BusEntry,
} from '../../lambdas/platform/adapters/events/event-bus';

type Answer = (input: { Entries: PutEventsEntry[] }) => PutEventsOutput;

/** PutEvents answered from a script: the next queued answer, else the standing one (all accepted). */
class ScriptedEventBridge implements EventBridgeApi {
  readonly calls: PutEventsEntry[][] = [];
  private readonly queued: Array<Answer | Error> = [];
  private standing: Answer = () => ({ FailedEntryCount: 0, Entries: [] });

  once(answer: Answer | Error): this {
    this.queued.push(answer);
    return this;
  }

  always(answer: Answer): this {
    this.standing = answer;
    return this;
  }

  async putEvents(input: { Entries: PutEventsEntry[] }): Promise<PutEventsOutput> {
    this.calls.push(input.Entries);
    const next = this.queued.shift() ?? this.standing;
    if (next instanceof Error) throw next;
    return next(input);
  }
}

let eventBridge: ScriptedEventBridge;
const waits: number[] = [];
const bus = () =>
  new EventBridgeBus(eventBridge, 'connector-bus', {
    sleep: async (ms) => void waits.push(ms),
  });
const entries = (n: number): BusEntry[] =>
  Array.from({ length: n }, (_, i) => ({ source: 'test', detailType: `t.${i}`, detail: { i } }));
const sent = () => eventBridge.calls.map((c) => c.map((e) => e.DetailType));

beforeEach(() => {
  eventBridge = new ScriptedEventBridge();
  waits.length = 0;
});

it('puts 23 entries in calls of at most 10, on the named bus', async () => {
  await bus().put(entries(23));
  expect(sent().map((c) => c.length)).toEqual([10, 10, 3]);
  const first = eventBridge.calls[0]![0]!;
  expect(first).toEqual({
    EventBusName: 'connector-bus',
    Source: 'test',
    DetailType: 't.0',
    Detail: '{"i":0}',
  });
});

it('sends again only the entries EventBridge refused, after a wait', async () => {
  eventBridge
    .once(() => ({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'c' }],
    }))
    .always(() => ({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] }));
  await bus().put(entries(3));
  expect(sent()).toEqual([['t.0', 't.1', 't.2'], ['t.1']]);
  expect(waits).toEqual([100]);
});

it('fails with the codes when EventBridge keeps refusing, after four attempts', async () => {
  eventBridge.always((input) => ({
    FailedEntryCount: 1,
    Entries: input.Entries.map((e) => (e.DetailType === 't.1' ? { ErrorCode: 'InternalFailure' } : {})),
  }));
  await expect(bus().put(entries(2))).rejects.toThrow(
    'EventBridge kept rejecting 1 event(s) (t.1): InternalFailure',
  );
  expect(sent()).toEqual([['t.0', 't.1'], ['t.1'], ['t.1'], ['t.1']]);
});

it('refuses an entry larger than EventBridge takes before calling it', async () => {
  const big = { source: 'test', detailType: 'big', detail: { text: 'x'.repeat(260_000) } };
  await expect(bus().put([big])).rejects.toThrow(/larger than EventBridge accepts/);
  expect(sent()).toEqual([]);
});

it('publishes domain events with the public source and commands with the ingest source', async () => {
  const b = bus();
  await new BusEventPublisher(b).publish([
    { type: 'lead.created', detail: { tenantId: 't', eventId: 'e', occurredAt: 'now', version: 1 } },
  ]);
  await new BusCommandPublisher(b).send('lead.backfill-requested', { tenantId: 't' });
  expect(eventBridge.calls.map((c) => c[0]!.Source)).toEqual(['meta-connector', 'meta-connector.ingest']);
});

it("gathers the puts of one turn into shared calls, and each put learns only its own entries' fate", async () => {
  eventBridge.always((input) => {
    const refused = input.Entries.map((e) =>
      e.DetailType === 't.3' ? { ErrorCode: 'InternalFailure' } : {},
    );
    return { FailedEntryCount: refused.filter((r) => 'ErrorCode' in r).length, Entries: refused };
  });
  const b = bus();
  // twelve records of a worker's batch, each announcing one event in the same turn
  const outcomes = await Promise.allSettled(entries(12).map((e) => b.put([e])));
  expect(sent()[0]).toEqual(['t.0', 't.1', 't.2', 't.3', 't.4', 't.5', 't.6', 't.7', 't.8', 't.9']);
  expect(sent()[1]).toEqual(['t.10', 't.11']);
  expect(outcomes.map((o) => o.status)).toEqual([
    ...Array(3).fill('fulfilled'),
    'rejected',
    ...Array(8).fill('fulfilled'),
  ]);
  expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(
    new Error('EventBridge kept rejecting 1 event(s) (t.3): InternalFailure'),
  );
});

it('a call that fails outright fails the puts it carried, and only those', async () => {
  eventBridge.once(new Error('socket hang up'));
  const b = bus();
  const outcomes = await Promise.allSettled([
    b.put(entries(10)),
    b.put([{ source: 'test', detailType: 'late', detail: {} }]),
  ]);
  expect(outcomes[0]).toEqual({ status: 'rejected', reason: new Error('socket hang up') });
  expect(outcomes[1]).toEqual({ status: 'fulfilled', value: undefined });
  expect(sent()).toEqual([[...entries(10).map((e) => e.detailType)], ['late']]);
});
