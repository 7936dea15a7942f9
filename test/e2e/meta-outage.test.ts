/**
 * A Meta outage of one hour, on a clock 200 times faster (`retryTimeScale` 0.005: the hour lasts 18 s).
 * Every Graph call fails with error 2; the app-wide pause holds the leads without spending their
 * receives; when Meta is back they arrive within seconds, not after a 30-minute schedule step, and
 * nothing reaches the DLQ. The mechanism is the real one: fauxqs, the local poller, the lead worker.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { queueByName } from '../../lambdas/handlers/common/topology';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, leadsOf, simLead } from '../support/leads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

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

  await simJson(rt, '/_sim/calls', { method: 'DELETE' });
  const down = await simJson(rt, '/_sim/faults', { body: { pathPattern: '.*', status: 500, code: 2 } });
  expect(down.status).toBe(200);
  const outageStarted = Date.now();
  await deliver(rt, leadgenEnvelope(ids.map((leadgenId) => ({ leadgenId }))));

  // every worker sees the pause: the app stops calling Meta
  const paused = await eventually(async () => rt.runtime.deps.graphPause.current() ?? undefined, 10_000, 50);
  expect(paused).toMatchObject({
    reason: expect.stringMatching(/graph_failing|probe_failed/),
    cause: 'transient_code_2',
  });

  // the rest of the hour
  await new Promise((r) => setTimeout(r, Math.max(0, HOUR_MS - (Date.now() - outageStarted))));
  const failedCalls = (await simJson(rt, '/_sim/calls')).json.calls.length;
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  const recovered = Date.now();

  await eventually(
    async () => {
      const stored = new Set((await leadsOf(rt, TENANT)).map((l) => l.leadgenId));
      return ids.every((id) => stored.has(id)) ? true : undefined;
    },
    30_000,
    200,
  );
  const drainedAfterMs = Date.now() - recovered;
  expect(await dlqDepth()).toBe(0);
  // slowed down: one probe at a time, not every lead's every attempt (5 leads × 3 inline tries a second)
  expect(failedCalls).toBeLessThan((HOUR_MS / 1000) * 5);
  // back within a pause step and a hold of recovery, sooner than the 30-minute step they would have
  // reached by the schedule alone
  const longestStep = Math.max(...queueByName('lead-fetch').retryStepsSeconds) * SCALE * 1000;
  expect(drainedAfterMs).toBeLessThan(longestStep);
}, 90_000);
