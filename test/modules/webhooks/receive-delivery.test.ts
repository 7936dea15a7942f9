/** The webhook's use case with fakes: what it hands off, parks and answers, and what it costs before the 200. */
import { createHmac } from 'node:crypto';
import { receiveDelivery, type ReceiveDeps } from '../../../lambdas/modules/webhooks/core/receive-delivery';
import { logDelivery } from '../../../lambdas/modules/webhooks/core/log-delivery';
import { DeliveryReceived } from '../../../lambdas/modules/webhooks/contracts';
import { RecordingMetrics } from '../../support/recording-metrics';
import { FakeDeliveryLog, FakeHandOff, FakeParking, FakeSecrets, type AwsCall } from './fakes';

const SECRET = 'app-secret-for-tests';
const NOW = new Date('2026-11-20T09:15:00Z');

function setup() {
  const calls: AwsCall[] = [];
  const ingest = new FakeHandOff(calls);
  const parked = new FakeParking(calls);
  const metrics = new RecordingMetrics();
  let n = 0;
  const deps: ReceiveDeps = {
    clock: { now: () => NOW },
    ids: { next: (prefix: string) => `${prefix}_${++n}` },
    secrets: new FakeSecrets({ appId: '1', appSecret: SECRET, verifyToken: 'vt', stateSigningKey: 'k' }),
    ingest,
    parked,
    metrics,
  };
  const send = (body: string | object, secret = SECRET) => {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const signature256 = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    return receiveDelivery(deps, { rawBody: raw, signature256 });
  };
  return { calls, ingest, parked, metrics, send };
}

const leadgen = (ids: string[]) => ({
  object: 'page',
  entry: ids.map((id) => ({
    id: '104729384756123',
    time: 1793491200,
    changes: [
      {
        field: 'leadgen',
        value: {
          leadgen_id: id,
          page_id: '104729384756123',
          form_id: '771234567890123',
          created_time: 1793491200,
        },
      },
    ],
  })),
});

describe('receiveDelivery', () => {
  it('a readable delivery costs one AWS call before the 200: its events and its record handed off together', async () => {
    const t = setup();
    const out = await t.send(leadgen(['900000000000001', '900000000000002']));
    expect(out).toMatchObject({ status: 200, reason: 'handed_off', eventCount: 2 });
    expect(t.calls).toEqual(['bus']);
    expect(t.ingest.events.map((e) => e.field)).toEqual(['leadgen', 'leadgen']);
    expect(t.ingest.records).toEqual([
      expect.objectContaining({
        deliveryId: (out as { deliveryId: string }).deliveryId,
        object: 'page',
        entryCount: 2,
        eventCount: 2,
        outcome: 'accepted',
        reason: 'handed_off',
        fields: { leadgen: 2 },
      }),
    ]);
    expect(t.parked.parked).toEqual([]);
    expect(t.metrics.total('webhookDeliveries', { Outcome: 'handed_off' })).toBe(1);
  });

  it('a delivery of fields no worker takes still hands off its record (one call), with the drops counted', async () => {
    const t = setup();
    const out = await t.send({
      object: 'page',
      entry: [{ id: '1', time: 1, changes: [{ field: 'ratings', value: {} }] }],
    });
    expect(out).toMatchObject({ status: 200, reason: 'unhandled_fields_dropped', eventCount: 0 });
    expect(t.calls).toEqual(['bus']);
    expect(t.ingest.records[0]).toMatchObject({ eventCount: 0, dropped: { ratings: 1 } });
  });

  it('an unreadable delivery is parked whole before the 200, and nothing goes on the bus', async () => {
    const t = setup();
    const out = await t.send('{"object":"page","entry":[{"id"');
    expect(out).toMatchObject({ status: 200, reason: 'body_not_json', eventCount: 0 });
    expect(t.calls).toEqual(['table']);
    expect(t.parked.parked[0]!.body.toString()).toBe('{"object":"page","entry":[{"id"');
    expect(t.parked.parked[0]!.record).toMatchObject({ outcome: 'unrecognized', reason: 'body_not_json' });
    expect(t.metrics.total('webhookDeliveries', { Outcome: 'parked' })).toBe(1);
  });

  it('a change too large for the bus parks the body and hands off the rest, both before the 200', async () => {
    const t = setup();
    const body = leadgen(['900000000000003']);
    body.entry.push({
      id: '104729384756123',
      time: 1793491200,
      changes: [{ field: 'feed', value: { item: 'status', message: 'x'.repeat(300_000) } as never }],
    });
    const out = await t.send(body);
    expect(out).toMatchObject({ status: 200, reason: 'handed_off_oversized_parked', eventCount: 1 });
    expect(t.calls.sort()).toEqual(['bus', 'table']);
    expect(t.ingest.records).toEqual([]);
    expect(t.parked.parked[0]!.record).toMatchObject({
      reason: 'handed_off_oversized_parked',
      eventCount: 1,
    });
  });

  it('a wrong signature is a 401 that costs no AWS call and keeps nothing', async () => {
    const t = setup();
    const out = await t.send(leadgen(['900000000000004']), 'another-secret');
    expect(out).toEqual({ status: 401, reason: 'signature_mismatch' });
    expect(t.calls).toEqual([]);
    expect(t.metrics.total('webhookDeliveries', { Outcome: 'signature_refused' })).toBe(1);
  });

  it('a bus that refuses fails the delivery, so Meta sends it again (nothing is answered 200 and lost)', async () => {
    const t = setup();
    t.ingest.failWith = new Error('EventBridge kept rejecting 2 event(s)');
    await expect(t.send(leadgen(['900000000000005']))).rejects.toThrow('EventBridge kept rejecting');
  });
});

describe('logDelivery', () => {
  it('stores the record the endpoint handed off, after the answer', async () => {
    const t = setup();
    await t.send(leadgen(['900000000000006']));
    const log = new FakeDeliveryLog();
    const detail = DeliveryReceived.schema.parse({ delivery: t.ingest.records[0] });
    const out = await logDelivery({ deliveries: log }, detail);
    expect(out).toMatchObject({ outcome: 'recorded', reason: 'handed_off_record' });
    expect(log.records.get(out.deliveryId)).toMatchObject({ eventCount: 1, fields: { leadgen: 1 } });
  });

  it('refuses a detail that is not a delivery record (the message goes to the queue retries and the DLQ)', async () => {
    await expect(logDelivery({ deliveries: new FakeDeliveryLog() }, { deliveryId: 'x' })).rejects.toThrow();
  });
});
