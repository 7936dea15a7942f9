/**
 * The webhook endpoint under generated deliveries: envelopes of every shape, garbage, huge and deep
 * bodies. Signed: always 200, each delivery logged, handed off (one bus event per change received) or
 * parked, and a parked body reassembles byte for byte. Unsigned or wrongly signed: 401 problem+json.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { withLocalRuntime } from '../support/local-runtime';
import { eventually } from '../support/meta-connect';
import { parkedBody, postDelivery, signBody } from '../support/webhooks';
import { fuzzParameters, fuzzTimeout } from './fuzz-settings';

const rt = withLocalRuntime({ timers: false });

const OBJECTS = ['page', 'instagram', 'whatsapp_business_account', 'permissions', 'user', 'ad_account'];
const FIELDS = ['leadgen', 'feed', 'messages', 'comments', 'mentions', 'message_template_status_update'];

const value = fc.jsonValue({ maxDepth: 4 });
const change = fc.record({
  field: fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 80 })),
  value,
});
const entry = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^[0-9]{5,20}$/), fc.integer(), fc.string({ maxLength: 30 })),
    time: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.double()),
    changes: fc.array(change, { maxLength: 4 }),
    messaging: fc.array(fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 4 }), { maxLength: 3 }),
    changed_fields: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
  },
  { requiredKeys: ['id'] },
);
const envelope = fc.record(
  {
    object: fc.oneof(fc.constantFrom(...OBJECTS), fc.string({ maxLength: 30 })),
    entry: fc.array(entry, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

/** bodies: envelopes (sometimes with a tail of garbage), raw bytes, deep and huge ones */
const body: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 6, arbitrary: envelope.map((e) => Buffer.from(JSON.stringify(e))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 30, max: 12_000 }), fc.constantFrom('[', '{"a":'))
      .map(([depth, open]) => {
        const close = open === '[' ? ']' : '}';
        const inner = `${open.repeat(depth)}1${close.repeat(depth)}`.replace('[1]', '[]');
        return Buffer.from(
          `{"object":"page","entry":[{"id":"1","changes":[{"field":"feed","value":${inner}}]}]}`,
        );
      }),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 200_000, max: 900_000 }).map((n) =>
      Buffer.from(
        JSON.stringify({
          object: 'page',
          entry: [
            {
              id: '108472639501827',
              time: 1,
              changes: [{ field: 'feed', value: { message: 'é'.repeat(n / 2) } }],
            },
          ],
        }),
      ),
    ),
  },
);

/**
 * The delivery log's record of one delivery (kept under the day it arrived). A parked delivery's record
 * is written before the 200; a readable one's by the delivery-log worker after it, so it is waited for.
 */
const logged = (deliveryId: string) => eventually(() => loggedNow(deliveryId), 15_000);

async function loggedNow(deliveryId: string): Promise<Record<string, any> | undefined> {
  const days = [new Date(), new Date(Date.now() - 86_400_000)].map((d) => d.toISOString().slice(0, 10));
  for (const day of days) {
    const out = await rt.runtime.deps.clients.dynamo.send(
      new QueryCommand({
        TableName: rt.runtime.config.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'deliveryId = :id',
        ExpressionAttributeValues: { ':pk': `DELIVERIES#${day}`, ':id': deliveryId },
      }),
    );
    if (out.Items?.[0]) return out.Items[0];
  }
  return undefined;
}

const eventsOf = (deliveryId: string) =>
  rt.runtime.events().filter((e) => (e.envelope.detail as { deliveryId?: string }).deliveryId === deliveryId);

it(
  'a signed delivery is answered 200 and handed off or parked whole, whatever its body',
  async () => {
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const res = await postDelivery(rt, raw);
        expect(res.status).toBe(200);
        const { deliveryId, received } = res.json;
        const record = await logged(deliveryId);
        expect(record).toBeDefined();
        expect(eventsOf(deliveryId)).toHaveLength(received);
        const parked = await parkedBody(rt, deliveryId);
        if (record!.outcome === 'unrecognized' || String(record!.reason).endsWith('_parked'))
          expect(parked?.equals(raw)).toBe(true);
        else expect(parked).toBeNull();
        expect(received > 0 || parked !== null || record!.outcome === 'accepted').toBe(true);
      }),
      fuzzParameters(12),
    );
  },
  fuzzTimeout(60_000),
);

it(
  'an unsigned or wrongly signed delivery is 401 problem+json and leaves nothing behind',
  async () => {
    const signature = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 80 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
      fc.stringMatching(/^sha256=[0-9a-f]{64}$/),
      fc.constant(signBody('not-the-app-secret', 'x')),
    );
    await fc.assert(
      fc.asyncProperty(body, signature, async (raw, sig) => {
        const before = rt.runtime.events().length;
        const res = await postDelivery(rt, raw, sig);
        expect(res.status).toBe(401);
        expect(res.contentType).toBe('application/problem+json');
        expect(res.json.reason).toMatch(/^signature_/);
        expect(rt.runtime.events().length).toBe(before);
      }),
      fuzzParameters(12),
    );
  },
  fuzzTimeout(60_000),
);
