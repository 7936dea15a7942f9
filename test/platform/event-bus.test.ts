/**
 * One failure policy for everything put on the bus: PutEvents calls of at most 10 entries, the entries
 * EventBridge refuses sent again alone, and a call that keeps being refused fails with the codes. The
 * local bus never refuses an entry, so EventBridge's partial answers are played by a mocked client.
 */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BusCommandPublisher,
  BusEventPublisher,
  EventBridgeBus,
  type BusEntry,
} from '../../lambdas/platform/adapters/events/event-bus';

const eventBridge = mockClient(EventBridgeClient);
const waits: number[] = [];
const bus = () =>
  new EventBridgeBus(eventBridge as unknown as EventBridgeClient, 'connector-bus', {
    sleep: async (ms) => void waits.push(ms),
  });
const entries = (n: number): BusEntry[] =>
  Array.from({ length: n }, (_, i) => ({ source: 'test', detailType: `t.${i}`, detail: { i } }));
const sent = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .map((c) => (c.args[0].input.Entries ?? []).map((e) => e.DetailType));

beforeEach(() => {
  eventBridge.reset();
  waits.length = 0;
});

it('puts 23 entries in calls of at most 10, on the named bus', async () => {
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
  await bus().put(entries(23));
  expect(sent().map((c) => c.length)).toEqual([10, 10, 3]);
  const first = eventBridge.commandCalls(PutEventsCommand)[0]!.args[0].input.Entries![0]!;
  expect(first).toEqual({
    EventBusName: 'connector-bus',
    Source: 'test',
    DetailType: 't.0',
    Detail: '{"i":0}',
  });
});

it('sends again only the entries EventBridge refused, after a wait', async () => {
  eventBridge
    .on(PutEventsCommand)
    .resolvesOnce({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'c' }],
    })
    .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
  await bus().put(entries(3));
  expect(sent()).toEqual([['t.0', 't.1', 't.2'], ['t.1']]);
  expect(waits).toEqual([100]);
});

it('fails with the codes when EventBridge keeps refusing, after four attempts', async () => {
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
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
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
  const b = bus();
  await new BusEventPublisher(b).publish([
    { type: 'lead.created', detail: { tenantId: 't', eventId: 'e', occurredAt: 'now', version: 1 } },
  ]);
  await new BusCommandPublisher(b).send('lead.backfill-requested', { tenantId: 't' });
  expect(eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries![0]!.Source)).toEqual([
    'meta-connector',
    'meta-connector.ingest',
  ]);
});
