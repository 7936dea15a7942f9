/**
 * Signed deliveries whose shape is hostile: whatever Meta (or someone holding the app secret) sends, a
 * signed delivery is answered 200 and either handed off or parked whole; nothing makes the endpoint throw.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { leadgenEnvelope } from '../support/leads';
import { parkedBody, parkedRecord, postDelivery } from '../support/webhooks';

const rt = withLocalRuntime();

it('a body nested 10,000 levels deep is answered 200 and parked byte for byte', async () => {
  const body = `{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":${'['.repeat(10_000)}${']'.repeat(10_000)}}]}]}`;
  const res = await postDelivery(rt, body);
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ received: 0, deliveryId: expect.any(String) });
  expect((await parkedBody(rt, res.json.deliveryId))?.toString()).toBe(body);
  expect(await parkedRecord(rt, res.json.deliveryId)).toMatchObject({
    reason: 'body_too_deep',
    outcome: 'unrecognized',
  });
});

it('a deep body that is not even JSON is parked too', async () => {
  const body = '{"a":'.repeat(5_000);
  const res = await postDelivery(rt, body);
  expect(res.status).toBe(200);
  expect((await parkedBody(rt, res.json.deliveryId))?.toString()).toBe(body);
});

it('a change whose field name cannot be a detail-type is parked; the rest is handed off', async () => {
  const envelope = leadgenEnvelope([{ leadgenId: '930000000000001' }]);
  envelope.entry[0]!.changes.push({ field: 'x'.repeat(500), value: {} } as never);
  envelope.entry[0]!.changes.push({ field: '__proto__', value: {} } as never);
  const body = JSON.stringify(envelope);
  const res = await postDelivery(rt, body);
  expect(res.status).toBe(200);
  expect(res.json.received).toBe(1);
  expect((await parkedBody(rt, res.json.deliveryId))?.toString()).toBe(body);
  expect(await parkedRecord(rt, res.json.deliveryId)).toMatchObject({
    reason: 'handed_off_unroutable_parked',
    fields: { leadgen: 1 },
  });
});

it('an unknown object with a huge name is parked with the name cut short', async () => {
  const body = JSON.stringify({ object: 'o'.repeat(600_000), entry: [{ id: '1' }] });
  const res = await postDelivery(rt, body);
  expect(res.status).toBe(200);
  expect((await parkedBody(rt, res.json.deliveryId))?.equals(Buffer.from(body))).toBe(true);
  expect((await parkedRecord(rt, res.json.deliveryId))?.object).toHaveLength(64);
});
