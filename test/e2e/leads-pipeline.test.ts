/**
 * A Lead Ads submission on a selected Page, end to end: simulator → signed webhook → bus → queue →
 * lead worker → Graph → CRM lead in every tenant that selected the Page, exactly once.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually, oauthDance, simJson } from '../support/meta-connect';
import { deliver, leadgenEnvelope, leadsOf, simLead, waitForLead, SAMPLE_FIELDS } from '../support/leads';
import { untilIdle } from '../support/settle';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();

const ingestEvents = (deliveryId?: string) =>
  rt.runtime
    .events({ detailType: 'meta.page.leadgen' })
    .filter((e) => !deliveryId || (e.envelope.detail as any).deliveryId === deliveryId);
const leadCreated = (tenantId: string, leadgenId: string) =>
  rt.runtime
    .events({ detailType: 'lead.created' })
    .filter(
      (e) =>
        (e.envelope.detail as any).tenantId === tenantId &&
        (e.envelope.detail as any).leadgenId === leadgenId,
    );

async function fault(spec: Record<string, unknown>) {
  expect((await simJson(rt, '/_sim/faults', { body: spec })).status).toBeLessThan(300);
}
afterEach(async () => {
  await fetch(`${rt.runtime.simUrl}/_sim/faults`, { method: 'DELETE' });
});

async function scan(filter: (i: Record<string, any>) => boolean) {
  const out: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName, ExclusiveStartKey: start }),
    );
    out.push(...(page.Items ?? []).filter(filter));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

async function dlqDepth(queue: string): Promise<number> {
  const out = await rt.runtime.clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: rt.runtime.queues.dlqUrls[queue],
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
}

describe('the lead pipeline', () => {
  beforeAll(async () => {
    // an agency and the business itself both selected the bakery Page
    await connectAndSelect(rt, 'bakery-co', { pages: [W.bakeryPageId] });
    await connectAndSelect(rt, 'agency-co', { pages: [W.bakeryPageId, W.bikesPageId] });
    const api = rt.api({ token: await rt.token('bakery-co') });
    const mapped = await api.put(`/api/v1/lead-forms/${W.bakeryLeadFormId}/mapping`, {
      fields: { full_name: 'contact.name', budget_range: 'deal.budget' },
    });
    expect(mapped.status).toBe(200);
  });

  it('a delivered lead arrives mapped, attributed and announced, once per tenant even when delivered again', async () => {
    const { leadgenId, deliveryStatus } = await simLead(rt, { adId: W.adId });
    expect(deliveryStatus).toBe(200);

    const lead = await waitForLead(rt, 'bakery-co', leadgenId);
    expect(lead).toMatchObject({
      leadgenId,
      formId: W.bakeryLeadFormId,
      pageId: W.bakeryPageId,
      fields: {
        'contact.name': 'Ana Lima',
        email: SAMPLE_FIELDS.email,
        phone: SAMPLE_FIELDS.phone_number,
        'deal.budget': '10k-20k',
      },
      customFields: {},
      attribution: { adId: W.adId, adsetId: W.adsetId, campaignId: W.campaignId, isOrganic: false },
      status: 'new',
      source: 'webhook',
    });
    // the agency has no mapping for the form: standard keys map by default, the rest stays custom
    const agencyLead = await waitForLead(rt, 'agency-co', leadgenId);
    expect(agencyLead.fields).toEqual({
      fullName: 'Ana Lima',
      email: SAMPLE_FIELDS.email,
      phone: SAMPLE_FIELDS.phone_number,
    });
    expect(agencyLead.customFields).toEqual({ budget_range: '10k-20k' });

    await eventually(async () => (leadCreated('bakery-co', leadgenId).length === 1 ? true : undefined));
    const event = leadCreated('bakery-co', leadgenId)[0]!.envelope;
    expect(event.source).toBe('meta-connector');
    expect(event.detail).toMatchObject({
      tenantId: 'bakery-co',
      leadgenId,
      eventId: expect.any(String),
      occurredAt: expect.any(String),
    });

    // Meta redelivers the same change (and a replay arrives in a batch with it)
    const again = await deliver(
      rt,
      leadgenEnvelope([
        { leadgenId, adId: W.adId },
        { leadgenId, adId: W.adId },
      ]),
    );
    expect(again.status).toBe(200);
    const answer = typeof again.body === 'string' ? JSON.parse(again.body) : (again.body as any);
    const redelivered: string = answer.deliveryId;
    await eventually(async () => (ingestEvents(redelivered).length >= 2 ? true : undefined));
    // the redeliveries have been worked off when the queues are idle again
    await untilIdle(rt);
    expect((await leadsOf(rt, 'bakery-co')).filter((l) => l.leadgenId === leadgenId)).toHaveLength(1);
    expect((await leadsOf(rt, 'agency-co')).filter((l) => l.leadgenId === leadgenId)).toHaveLength(1);
    expect(leadCreated('bakery-co', leadgenId)).toHaveLength(1);
    expect(leadCreated('agency-co', leadgenId)).toHaveLength(1);

    const one = await rt.api({ token: await rt.token('bakery-co') }).get(`/api/v1/leads/${lead.id}`);
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(lead.id);
    // another tenant's lead is not found
    expect(
      (await rt.api({ token: await rt.token('stranger-co') }).get(`/api/v1/leads/${lead.id}`)).status,
    ).toBe(404);
  });

  it('a lead reaches only the tenants that selected its Page', async () => {
    const tenant = 'bikes-only-co';
    const connectionId = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    try {
      const { leadgenId } = await simLead(rt, { pageId: W.bikesPageId, formId: W.bikesLeadFormId });
      await waitForLead(rt, tenant, leadgenId);
      await untilIdle(rt);
      expect((await leadsOf(rt, 'bakery-co')).map((l) => l.leadgenId)).not.toContain(leadgenId);
    } finally {
      // leave the Page to the tenants the other tests expect (the token-error case needs it alone)
      await rt
        .api({ token: await rt.token(tenant) })
        .put(`/api/v1/connections/${connectionId}/selection`, { pages: [] });
    }
  });

  it('a lead of a Page nobody selected is skipped', async () => {
    const leadgenId = '930000000000777';
    const res = await deliver(rt, leadgenEnvelope([{ leadgenId, pageId: '100000000000999' }]));
    expect(res.status).toBe(200);
    await eventually(async () =>
      ingestEvents().some((e) => (e.envelope.detail as any).value?.leadgen_id === leadgenId)
        ? true
        : undefined,
    );
    await untilIdle(rt);
    for (const tenant of ['bakery-co', 'agency-co'])
      expect((await leadsOf(rt, tenant)).map((l) => l.leadgenId)).not.toContain(leadgenId);
    expect(await scan((i) => i.entity === 'pending-lead' && i.leadgenId === leadgenId)).toEqual([]);
  });

  it.each([
    [500, 1],
    [429, 4],
    [400, 4],
    [400, 17],
    [400, 613],
  ])('Graph %s/code %s on the lead fetch is retried and the lead arrives', async (status, code) => {
    const { leadgenId } = await simLead(rt, { deliver: false });
    await fault({ pathPattern: `^/?${leadgenId}$`, status, code, times: 2 });
    await deliver(rt, leadgenEnvelope([{ leadgenId }]));
    await eventually(
      async () =>
        (await leadsOf(rt, 'bakery-co')).some((l) => l.leadgenId === leadgenId) ? true : undefined,
      15_000,
    );
  });

  it('a poison message reaches the DLQ after its 8 attempts, its retries timed by the schedule', async () => {
    const before = await dlqDepth('lead-fetch');
    const { leadgenId } = await simLead(rt, { deliver: false });
    await fault({ pathPattern: `^/?${leadgenId}$`, status: 500, code: 2, times: 1000 });
    await deliver(rt, leadgenEnvelope([{ leadgenId }]));
    await eventually(async () => ((await dlqDepth('lead-fetch')) > before ? true : undefined), 25_000, 250);
    expect((await leadsOf(rt, 'bakery-co')).map((l) => l.leadgenId)).not.toContain(leadgenId);
  });

  it('backfill stores exactly the missing leads, idempotent with live deliveries', async () => {
    const delivered = await simLead(rt, { deliver: true });
    await eventually(async () =>
      (await leadsOf(rt, 'bakery-co')).some((l) => l.leadgenId === delivered.leadgenId) ? true : undefined,
    );
    await simLead(rt, { deliver: false });
    await simLead(rt, { deliver: false });
    const stored = new Set((await leadsOf(rt, 'bakery-co')).map((l) => l.leadgenId));
    const state = await simJson(rt, '/_sim/state');
    const atMeta: string[] = state.json.leads
      .filter((l: any) => l.formId === W.bakeryLeadFormId)
      .map((l: any) => l.id);
    const missing = atMeta.filter((id) => !stored.has(id));
    expect(missing.length).toBeGreaterThanOrEqual(2);

    const api = rt.api({ token: await rt.token('bakery-co') });
    const res = await api.post(`/api/v1/lead-forms/${W.bakeryLeadFormId}/backfill`, {
      since: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'queued', formId: W.bakeryLeadFormId });
    for (const id of missing) await waitForLead(rt, 'bakery-co', id);
    await untilIdle(rt);
    const final = await leadsOf(rt, 'bakery-co');
    expect(final.length).toBe(stored.size + missing.length);
    for (const id of missing)
      expect(final.filter((l) => l.leadgenId === id)).toEqual([
        expect.objectContaining({ source: 'backfill' }),
      ]);
    expect(final.filter((l) => l.leadgenId === delivered.leadgenId)).toEqual([
      expect.objectContaining({ source: 'webhook' }),
    ]);
    // a form the tenant cannot see is not found
    const other = await rt
      .api({ token: await rt.token('stranger-co') })
      .post(`/api/v1/lead-forms/${W.bakeryLeadFormId}/backfill`, {
        since: new Date(Date.now() - 3_600_000).toISOString(),
      });
    expect(other.status).toBe(404);
  });

  it('leads no webhook brought appear after one reconciliation run, once each', async () => {
    // one delivered by webhook too, so the Page's health has a last delivery of this test's own
    const delivered = await simLead(rt);
    await waitForLead(rt, 'bakery-co', delivered.leadgenId);
    const lost = [
      await simLead(rt, { deliver: false }),
      await simLead(rt, { deliver: false }),
      await simLead(rt, { deliver: false }),
    ];
    await rt.runtime.runSchedule('lead-reconciliation');
    await rt.runtime.runSchedule('lead-reconciliation');
    const leads = await leadsOf(rt, 'bakery-co');
    for (const l of lost)
      expect(leads.filter((x) => x.leadgenId === l.leadgenId)).toEqual([
        expect.objectContaining({ source: 'reconciliation' }),
      ]);
    const conns = await rt.api({ token: await rt.token('bakery-co') }).get('/api/v1/connections');
    const detail = await rt
      .api({ token: await rt.token('bakery-co') })
      .get(`/api/v1/connections/${conns.json.items[0].id}`);
    const health = detail.json.pageHealth.find((p: any) => p.pageId === W.bakeryPageId);
    expect(health.lastReconciliation).toMatchObject({ outcome: 'ok' });
    expect(health.lastDeliveryAt).toEqual(expect.any(String));
  });

  it('a Page whose subscription Meta dropped is re-subscribed by the daily check, and the drift is audited', async () => {
    expect((await simJson(rt, `/_sim/pages/${W.bakeryPageId}/drop-subscription`, { body: {} })).status).toBe(
      200,
    );
    let state = await simJson(rt, '/_sim/state');
    expect(state.json.pages.find((p: any) => p.id === W.bakeryPageId).subscribedApps).toHaveLength(0);
    await rt.runtime.runSchedule('subscription-check');
    state = await simJson(rt, '/_sim/state');
    expect(
      JSON.stringify(state.json.pages.find((p: any) => p.id === W.bakeryPageId).subscribedApps),
    ).toContain('leadgen');
    // both tenants selected the Page: whichever is checked first repairs it and records the drift
    const audit = await scan((i) => String(i.pk).endsWith('#AUDIT') && i.action === 'subscription.drift');
    expect(audit).toContainEqual(
      expect.objectContaining({ reason: 'app_unsubscribed', target: `page:${W.bakeryPageId}` }),
    );
  });

  it('a token error marks the connection expired and keeps the lead for later', async () => {
    const tenant = 'expiring-co';
    // only this tenant selects the bikes Page, so the injected token error is its own
    await rt
      .api({ token: await rt.token('agency-co') })
      .put(
        `/api/v1/connections/${(await rt.api({ token: await rt.token('agency-co') }).get('/api/v1/connections')).json.items[0].id}/selection`,
        { pages: [W.bakeryPageId] },
      );
    const connectionId = await connectAndSelect(rt, tenant, { pages: [W.bikesPageId] });
    const { leadgenId } = await simLead(rt, {
      pageId: W.bikesPageId,
      formId: W.bikesLeadFormId,
      deliver: false,
    });
    await fault({ pathPattern: `^/?${leadgenId}$`, status: 400, code: 190, subcode: 460, times: 1 });
    await deliver(rt, leadgenEnvelope([{ leadgenId, pageId: W.bikesPageId, formId: W.bikesLeadFormId }]));
    const api = rt.api({ token: await rt.token(tenant) });
    await eventually(async () =>
      (await api.get(`/api/v1/connections/${connectionId}`)).json.status === 'expired' ? true : undefined,
    );
    // the worker marks the connection before it parks the lead: wait for the lead too
    const pending = await eventually(async () => {
      const items = await scan((i) => i.entity === 'pending-lead' && i.tenantId === tenant);
      return items.length > 0 ? items : undefined;
    });
    expect(pending).toEqual([expect.objectContaining({ leadgenId, reason: 'token_password_changed' })]);
    expect(
      rt.runtime
        .events({ detailType: 'connection.expired' })
        .some((e) => (e.envelope.detail as any).connectionId === connectionId),
    ).toBe(true);

    // the person reconnects; the next reconciliation fetches the kept lead
    const again = await oauthDance(rt, tenant);
    expect(again.outcome?.get('connectionId')).toBe(connectionId);
    await rt.runtime.runSchedule('lead-reconciliation');
    expect((await leadsOf(rt, tenant)).map((l) => l.leadgenId)).toContain(leadgenId);
    expect(await scan((i) => i.entity === 'pending-lead' && i.tenantId === tenant)).toEqual([]);
  });
});
