/**
 * The business metrics, counted where things happen and read back from the EMF the local runtime's
 * handlers flushed (kept in memory there, as CloudWatch would receive it): deliveries by outcome, leads
 * stored and duplicates, approvals by subject and by whom, publish outcomes, rate-limit waits, purged
 * items. Each test compares before and after, so the order of the tests does not matter.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, simLead, waitForLead } from '../support/leads';
import { simMessage, waitForConversation } from '../support/inbox';
import { draftBody } from '../support/ads';
import { emfTotal } from '../support/emf';
import type { MetricKey } from '../../lambdas/platform/core/observability/metric-catalogue';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'metrics-co';
let api: ReturnType<typeof rt.api>;

beforeAll(async () => {
  await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId], adAccounts: [W.adAccountId] },
    { features: ['leads', 'publishing', 'ads', 'inbox'] },
  );
  api = rt.api({ token: await rt.token(T, { sub: 'manager-1' }) });
});

const total = (metric: MetricKey, where: Record<string, string> = {}) =>
  emfTotal(rt.runtime.metrics(), metric, where);

/** Waits until the metric has grown by `by` (an invocation's metrics arrive when it ends). */
async function grows(metric: MetricKey, where: Record<string, string>, from: number, by = 1) {
  return eventually(
    async () => (total(metric, where) >= from + by ? total(metric, where) : undefined),
    20_000,
    100,
  );
}

it('a lead: its delivery handed off and the lead stored; the same delivery again: a duplicate', async () => {
  const handedOff = total('webhookDeliveries', { Outcome: 'handed_off' });
  const stored = total('leadsStored', { Source: 'webhook' });
  const duplicates = total('leadDuplicates', { Source: 'webhook' });

  const { leadgenId } = await simLead(rt);
  await waitForLead(rt, T, leadgenId);
  await grows('webhookDeliveries', { Outcome: 'handed_off' }, handedOff);
  await grows('leadsStored', { Source: 'webhook' }, stored);

  expect((await deliver(rt, leadgenEnvelope([{ leadgenId }]))).status).toBe(200);
  await grows('leadDuplicates', { Source: 'webhook' }, duplicates);
  expect(total('leadsStored', { Source: 'webhook' })).toBe(stored + 1);
});

it('a post a person approved, published on the Page', async () => {
  const approvals = total('approvals', { Subject: 'post', By: 'person' });
  const published = total('publishOutcomes', { Outcome: 'published', Channel: 'facebook' });
  const post = await api.post('/api/v1/posts', {
    message: 'Rye loaves are back',
    targets: [{ type: 'facebook_page', id: W.bakeryPageId }],
  });
  expect(post.status).toBe(201);
  expect((await api.post(`/api/v1/posts/${post.json.id}/approve`)).status).toBe(200);
  expect(total('approvals', { Subject: 'post', By: 'person' })).toBe(approvals + 1);
  await grows('publishOutcomes', { Outcome: 'published', Channel: 'facebook' }, published);
});

it('a reply and a campaign a person approved', async () => {
  const replies = total('approvals', { Subject: 'reply', By: 'person' });
  const campaigns = total('approvals', { Subject: 'campaign', By: 'person' });

  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Are you open on Sunday?' });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  const reply = await api.post(`/api/v1/conversations/${conv.id}/replies`, { text: 'Yes, 8 to 13.' });
  expect(reply.status).toBe(201);
  expect((await api.post(`/api/v1/replies/${reply.json.id}/approve`)).status).toBe(200);

  const campaign = await api.post('/api/v1/campaigns', draftBody('Metrics campaign'));
  expect(campaign.status).toBe(201);
  expect((await api.post(`/api/v1/campaigns/${campaign.json.id}/approve`)).status).toBe(200);

  expect(total('approvals', { Subject: 'reply', By: 'person' })).toBe(replies + 1);
  expect(total('approvals', { Subject: 'campaign', By: 'person' })).toBe(campaigns + 1);
});

it("Meta's usage near the app's limit: the Graph client's wait is counted by severity, with its length", async () => {
  const atLimit = total('graphRateLimitWaits', { Scope: 'app', Severity: 'at_limit' });
  const waited = total('graphRateLimitWaitTime', { Scope: 'app', Severity: 'at_limit' });
  // one call in the rolling hour is already 100 % of the app's budget
  await simJson(rt, '/_sim/usage', { body: { appCallBudget: 1 } });
  try {
    await rt.runtime.runSchedule('token-watch');
  } finally {
    await simJson(rt, '/_sim/usage', { body: { appCallBudget: 2000 } });
  }
  await grows('graphRateLimitWaits', { Scope: 'app', Severity: 'at_limit' }, atLimit);
  expect(total('graphRateLimitWaitTime', { Scope: 'app', Severity: 'at_limit' })).toBeGreaterThan(waited);
  expect(total('graphCalls', { Status: '200', ErrorCode: 'none' })).toBeGreaterThan(0);
});

it('a disconnect: the purge counts every item it deleted', async () => {
  // a tenant of its own: no job of the other tests is working on its connection meanwhile
  const tenant = 'metrics-purge-co';
  const id = await connectAndSelect(
    rt,
    tenant,
    { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] },
    { features: ['leads'] },
  );
  const { leadgenId } = await simLead(rt);
  await waitForLead(rt, tenant, leadgenId);
  const purged = total('purgedItems');

  const own = rt.api({ token: await rt.token(tenant) });
  expect((await own.delete(`/api/v1/connections/${id}`)).status).toBe(202);
  const completed = await eventually(
    async () =>
      rt.runtime
        .events({ detailType: 'deletion.completed' })
        .map((e) => e.envelope.detail as { connectionId: string; deletedItems: number })
        .find((d) => d.connectionId === id),
    20_000,
    100,
  );
  // the connection, its routes, its Page token, its lead, …
  expect(completed.deletedItems).toBeGreaterThan(3);
  await grows('purgedItems', {}, purged, completed.deletedItems);
});
