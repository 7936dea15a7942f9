/**
 * The operator's tools after an incident (docs/operations.md), on the local runtime with the very code
 * `npm run ops` runs: a lead dead-lettered while Meta failed is redriven once the cause is fixed and
 * stored; a replay of the bus archive brings back a lead whose message was lost, and replaying the same
 * window twice stores no lead, publishes no post and sends no reply a second time.
 */
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
} from '@aws-sdk/client-sqs';
import { PUBLISH_REQUESTED } from '../../lambdas/app/topology';
import { ReplySendRequested } from '../../lambdas/modules/inbox/contracts';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { deadLetterCounts, redrive } from '../../scripts/ops/redrive';
import { replay } from '../../scripts/ops/replay';
import { localTarget, type OpsTarget } from '../../scripts/ops/target';
import { sentMessages, simMessage, waitForConversation, waitForReply } from '../support/inbox';
import { leadsOf, simLead, waitForLeads } from '../support/leads';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { untilIdle } from '../support/settle';

// no timers: the lead reconciliation must not fetch the dead-lettered lead behind the operator's back
const rt = withLocalRuntime({ timers: false });
const LEAD_FETCH = { pathPattern: '^/?\\d{15,17}$', method: 'GET', status: 500, code: 2, rate: 1 };

let ops: OpsTarget;
beforeAll(() => {
  ops = localTarget({
    sqsEndpoint: rt.runtime.sqsEndpoint,
    busUrl: rt.runtime.busUrl,
    replay: rt.runtime.replay,
    secretsManager: rt.runtime.secretsManager,
  });
});
afterAll(() => ops?.close());
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

const depth = async (url: string) => {
  const { Attributes } = await rt.runtime.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Object.values(Attributes ?? {}).reduce((sum, n) => sum + Number(n), 0);
};

/** Dead-letters one lead: Meta fails every fetch of it until the lead-fetch queue gives up. */
async function deadLetteredLead(): Promise<string> {
  await simJson(rt, '/_sim/faults', { body: LEAD_FETCH });
  const { leadgenId } = await simLead(rt);
  await eventually(
    async () => ((await depth(rt.runtime.queues.dlqUrls['lead-fetch']!)) >= 1 ? true : undefined),
    60_000,
    250,
  );
  return leadgenId;
}

it('redrive: a lead dead-lettered while Meta failed is stored once the cause is fixed', async () => {
  const tenant = 'redrive-co';
  await connectAndSelect(rt, tenant, { pages: [W.bakeryPageId] });
  const leadgenId = await deadLetteredLead();
  expect(await leadsOf(rt, tenant)).toEqual([]);
  expect((await deadLetterCounts(ops)).find((d) => d.queue === 'lead-fetch')).toEqual({
    queue: 'lead-fetch',
    messages: 1,
  });

  // the fix: Meta answers again
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  const outcome = await redrive(ops, 'lead-fetch', { pollMs: 100 });
  expect(outcome).toMatchObject({ queue: 'lead-fetch', status: 'COMPLETED', moved: 1, toMove: 1 });

  const [lead] = await waitForLeads(rt, tenant, 1, 30_000);
  expect(lead).toMatchObject({ leadgenId });
  expect(await depth(rt.runtime.queues.dlqUrls['lead-fetch']!)).toBe(0);
  const { Results } = await rt.runtime.clients.sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: rt.runtime.queues.dlqArns['lead-fetch']! }),
  );
  expect(Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
  await expect(redrive(ops, 'no-such-queue')).rejects.toThrow(/unknown queue "no-such-queue"/);
}, 120_000);

it('replay: a lost lead comes back; replaying the window twice duplicates no lead, post or reply', async () => {
  const tenant = 'replay-co';
  await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId] },
    { features: ['leads', 'publishing', 'inbox'] },
  );
  const api = rt.api({ token: await rt.token(tenant) });
  // event times have whole seconds: start the window a second early
  const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);

  // a lead, a published post and a sent reply, each handled once
  const { leadgenId: stored } = await simLead(rt);
  await waitForLeads(rt, tenant, 1);
  const message = `Replay-safe sourdough ${Date.now()}`;
  const draft = await api.post('/api/v1/posts', {
    message,
    media: [{ type: 'image', url: 'https://cdn.example.test/bread.jpg' }],
    targets: [{ type: 'facebook_page', id: W.bakeryPageId }],
  });
  expect(draft.status).toBe(201);
  expect((await api.post(`/api/v1/posts/${draft.json.id}/approve`)).status).toBe(200);
  await eventually(
    async () =>
      (await api.get(`/api/v1/posts/${draft.json.id}`)).json.status === 'published' ? true : undefined,
    30_000,
    200,
  );
  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Are you open on Sunday?' });
  const conv = await waitForConversation(rt, tenant, (c) => c.contact?.id === inbound.from);
  const text = `Yes, from 9 to 1 (${Date.now()})`;
  const reply = await api.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  expect((await api.post(`/api/v1/replies/${reply.json.id}/approve`)).status).toBe(200);
  expect(await waitForReply(rt, tenant, reply.json.id)).toMatchObject({ status: 'sent' });

  // an incident: a lead's message dead-letters and the DLQ is purged by mistake, so it is lost
  const lost = await deadLetteredLead();
  await rt.runtime.clients.sqs.send(
    new PurgeQueueCommand({ QueueUrl: rt.runtime.queues.dlqUrls['lead-fetch']! }),
  );
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
  await untilIdle(rt);
  const to = new Date(Date.now() + 1000);

  const leadCreated = () =>
    rt.runtime
      .events({ detailType: 'lead.created' })
      .filter((e) => (e.envelope.detail as any).tenantId === tenant && !e.envelope['replay-name']);
  const announcedBefore = leadCreated().length;

  for (const round of [1, 2]) {
    const outcome = await replay(ops, { from, to, name: `test-window-${round}`, pollMs: 100 });
    expect(outcome).toMatchObject({ state: 'COMPLETED' });
    await untilIdle(rt);
    const leads = await leadsOf(rt, tenant);
    expect([round, leads.map((l) => l.leadgenId).sort()]).toEqual([round, [stored, lost].sort()]);
  }

  // the replays did reach the workers...
  const replayed = rt.runtime.events().filter((e) => e.envelope['replay-name']?.startsWith('test-window-'));
  const replayedOf = (type: string) => replayed.filter((e) => e.envelope['detail-type'] === type).length;
  // two leadgen events (the stored lead and the lost one), the publish job and the reply's send, twice each
  expect(replayedOf('meta.page.leadgen')).toBe(4);
  expect(replayedOf(PUBLISH_REQUESTED)).toBe(2);
  expect(replayedOf(ReplySendRequested.detailType)).toBe(2);
  // ...and changed nothing that was already done: one post at Meta, one reply sent, one announcement per lead
  const atMeta = (await simJson(rt, '/_sim/state')).json.posts.filter((p: any) => p.message === message);
  expect(atMeta).toHaveLength(1);
  expect(await sentMessages(rt, text)).toHaveLength(1);
  expect(leadCreated().length).toBe(announcedBefore + 1);
  expect((await api.get(`/api/v1/posts/${draft.json.id}`)).json.targets).toEqual([
    expect.objectContaining({ status: 'published' }),
  ]);
}, 180_000);
