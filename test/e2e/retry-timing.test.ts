/**
 * When a lead whose fetch failed comes back, through the local runtime: the lead worker's own backoff
 * step (ChangeMessageVisibility on fauxqs, honoured by the local poller), not the lead-fetch queue's
 * 180 s visibility timeout; and a refusal no retry can change is never retried.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { queueByName } from '../../lambdas/app/topology';
import { TEST_RETRY_TIME_SCALE, withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, leadsOf, simLead } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const TENANT = 'timing-co';

beforeAll(async () => {
  await connectAndSelect(rt, TENANT, { pages: [W.bakeryPageId] });
});
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

const callsTo = async (leadgenId: string) =>
  (await simJson(rt, '/_sim/calls')).json.calls.filter((c: any) => c.path === `/${leadgenId}`);

async function inFlight(queue: string): Promise<number> {
  const out = await rt.runtime.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: rt.runtime.queues.urls[queue],
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  const a = out.Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
}

it('a lead whose fetch fails past the inline retries arrives after the first backoff step, not the visibility timeout', async () => {
  expect(queueByName('lead-fetch').visibilityTimeoutSeconds).toBe(180);
  const { leadgenId } = await simLead(rt, { deliver: false });
  // the worker's three inline attempts of its first receive all fail; the second receive succeeds
  await simJson(rt, '/_sim/faults', {
    body: { pathPattern: `^/?${leadgenId}$`, method: 'GET', status: 500, code: 2, times: 3 },
  });
  await deliver(rt, leadgenEnvelope([{ leadgenId }]));
  // the first step is 2 s, run here at ×1000 and rounded up to SQS's whole second
  expect(2 * TEST_RETRY_TIME_SCALE).toBeLessThan(1);
  await eventually(
    async () => ((await leadsOf(rt, TENANT)).some((l) => l.leadgenId === leadgenId) ? true : undefined),
    20_000,
    200,
  );
  expect((await callsTo(leadgenId)).map((c: any) => c.status)).toEqual([500, 500, 500, 200]);
}, 40_000);

it('a deleted lead is kept with Meta’s reason at once and never retried', async () => {
  // a leadgen id Meta no longer has: GET answers 100/33
  const leadgenId = '987650000000001';
  await deliver(rt, leadgenEnvelope([{ leadgenId }]));
  const pending = await eventually(async () => {
    const out = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName }),
    );
    return (out.Items ?? []).find((i) => i.entity === 'pending-lead' && i.leadgenId === leadgenId);
  });
  expect(pending).toMatchObject({ tenantId: TENANT, reason: 'meta_refused_rejected_code_100' });
  // the message is done with: nothing waits in the queue to try again
  await eventually(async () => ((await inFlight('lead-fetch')) === 0 ? true : undefined));
  expect((await callsTo(leadgenId)).map((c: any) => c.status)).toEqual([400]);
});
