/**
 * A Meta outage of one hour, on a clock 200 times faster (`retryTimeScale` 0.005: the hour lasts 18 s).
 * Every Graph call fails with error 2; the app-wide pause holds the leads without spending their
 * receives; when Meta is back they arrive, and nothing reaches the DLQ. The mechanism is the real one: fauxqs, the local poller, the lead worker.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, leadsOf, simLead } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { DynamoGraphPauseStore } from '../../lambdas/platform/adapters/graph/graph-pause-store';

const SCALE = 0.005;
const rt = withLocalRuntime({ retryTimeScale: SCALE });
const TENANT = 'outage-co';
const HOUR_MS = 3_600_000 * SCALE;

async function dlqDepth(): Promise<number> {
  const out = await rt.runtime.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: rt.runtime.queues.dlqUrls['lead-fetch'],
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
}

it('leads survive a one-hour Meta outage without reaching the DLQ, and arrive once Meta is back', async () => {
  await simJson(rt, '/_sim/usage', { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectAndSelect(rt, TENANT, { pages: [W.bakeryPageId] });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await simLead(rt, { deliver: false })).leadgenId);

  const down = await simJson(rt, '/_sim/faults', { body: { pathPattern: '.*', status: 500, code: 2 } });
  expect(down.status).toBe(200);
  const outageStarted = Date.now();
  await deliver(rt, leadgenEnvelope(ids.map((leadgenId) => ({ leadgenId }))));

  // the pause is shared through the table, so every function sees it: the app stops calling Meta
  const pauses = new DynamoGraphPauseStore(rt.runtime.deps.clients.dynamo, rt.runtime.config.tableName);
  const paused = await eventually(() => pauses.get(), 10_000, 50);
  expect(paused).toMatchObject({
    reason: expect.stringMatching(/graph_failing|probe_failed/),
    cause: 'transient_code_2',
  });

  // the rest of the hour
  await new Promise((r) => setTimeout(r, Math.max(0, HOUR_MS - (Date.now() - outageStarted))));
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });

  await eventually(
    async () => {
      const stored = new Set((await leadsOf(rt, TENANT)).map((l) => l.leadgenId));
      return ids.every((id) => stored.has(id)) ? true : undefined;
    },
    60_000,
    200,
  );
  expect(await dlqDepth()).toBe(0);
  // how many calls the pause saved and how soon the backlog drains are benchmark figures (`npm run bench -- chaos`)
}, 90_000);
