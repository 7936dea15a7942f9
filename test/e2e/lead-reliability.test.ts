/**
 * 1,000 leads through the whole pipeline while Meta fails 20% of lead fetches and 20% of deliveries
 * arrive twice: every lead ends up stored exactly once and nothing is dead-lettered.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { withLocalRuntime } from '../support/local-runtime';
import { untilIdle } from '../support/settle';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, leadsOf, simLead } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const N = 1000;

async function inParallel<T>(items: T[], limit: number, fn: (t: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

it('1,000 leads, 20% Graph faults, 20% duplicate deliveries → exactly 1,000 leads, 0 in the DLQ', async () => {
  // a real app with this volume has a matching budget; throttling is tested on its own
  await simJson(rt, '/_sim/usage', { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectAndSelect(rt, 'volume-co', { pages: [W.bakeryPageId] });
  const ids: string[] = [];
  await inParallel(
    Array.from({ length: N }, (_, i) => i),
    16,
    async (i) => {
      const { leadgenId } = await simLead(rt, {
        deliver: false,
        fieldData: { full_name: `Lead ${i}`, email: `lead${i}@example.test` },
      });
      ids.push(leadgenId);
    },
  );
  expect(new Set(ids).size).toBe(N);

  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: '^/?\\d{15,17}$', method: 'GET', status: 500, code: 2, rate: 0.2 },
  });

  // deliveries of 10 changes; every fifth lead is delivered a second time in a later delivery
  const deliveries: string[][] = [];
  for (let i = 0; i < N; i += 10) deliveries.push(ids.slice(i, i + 10));
  const dupes = ids.filter((_, i) => i % 5 === 0);
  for (let i = 0; i < dupes.length; i += 10) deliveries.push(dupes.slice(i, i + 10));
  await inParallel(deliveries, 8, async (batch) => {
    const res = await deliver(rt, leadgenEnvelope(batch.map((leadgenId) => ({ leadgenId }))));
    expect(res.status).toBe(200);
  });

  const stored = await eventually(
    async () => {
      const leads = await leadsOf(rt, 'volume-co');
      return leads.length >= N ? leads : undefined;
    },
    120_000,
    1000,
  );
  await untilIdle(rt);
  const final = await leadsOf(rt, 'volume-co');
  expect(final.length).toBe(N);
  expect(new Set(final.map((l) => l.leadgenId))).toEqual(new Set(ids));
  expect(stored.length).toBe(N);

  const dlq = await rt.runtime.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: rt.runtime.queues.dlqUrls['lead-fetch'],
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  expect(Number(dlq.Attributes?.ApproximateNumberOfMessages)).toBe(0);
  // the faults did happen
  const calls = await simJson(rt, '/_sim/calls');
  expect(calls.json.calls.filter((c: any) => c.status === 500).length).toBeGreaterThan(50);
}, 180_000);
