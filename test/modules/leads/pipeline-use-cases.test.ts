/** The lead pipeline's use cases with in-memory fakes: ingest, backfill, reconciliation, status feedback. */
import { ingestLeadgen } from '../../../lambdas/modules/leads/core/ingest-leadgen';
import { runBackfill } from '../../../lambdas/modules/leads/core/run-backfill';
import { reconcileLeads, FIRST_RUN_LOOKBACK_MS } from '../../../lambdas/modules/leads/core/reconcile-leads';
import { sendStatusFeedback } from '../../../lambdas/modules/leads/core/status-feedback';
import { LEAD_STATUS_MAPPING_KEY } from '../../../lambdas/modules/leads/contracts';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { activeConnection, leadFakes, metaLead } from './fakes';

const TOKEN_EXPIRED = () =>
  new MetaGraphError(400, { message: 'Error validating access token', code: 190, errorSubcode: 463 });
const LEAD_GONE = () =>
  new MetaGraphError(400, { message: 'Object does not exist', code: 100, errorSubcode: 33 });
const value = (leadgenId: string, extra: Record<string, unknown> = {}) => ({
  leadgen_id: leadgenId,
  page_id: 'page1',
  form_id: 'form1',
  ...extra,
});

describe('ingestLeadgen', () => {
  it('stores the lead for every tenant that selected the Page, with its own Page token, and announces it', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.connections.add(activeConnection({ tenantId: 'agency', connectionId: 'c2' }), ['page1']);
    f.graph.leads.set('111', metaLead('111'));
    const out = await ingestLeadgen(f.deps, value('111'));
    expect(out).toEqual({
      outcome: 'routed',
      tenants: [
        { tenantId: 't1', connectionId: 'c1', outcome: 'stored', leadId: 'lead_111' },
        { tenantId: 'agency', connectionId: 'c2', outcome: 'stored', leadId: 'lead_111' },
      ],
    });
    expect(f.events.map((e) => [e.detail.tenantId, e.type])).toEqual([
      ['t1', 'lead.created'],
      ['agency', 'lead.created'],
    ]);
    expect(f.leads.leads.get('t1|lead_111')).toMatchObject({ eventPublished: true, source: 'webhook' });
    expect(f.metrics.total('leadsStored', { Source: 'webhook' })).toBe(2);
    expect(f.syncState.health.map((h) => h.patch)).toEqual([
      { lastDeliveryAt: '2026-11-20T10:00:00.000Z' },
      { lastDeliveryAt: '2026-11-20T10:00:00.000Z' },
    ]);
  });

  it('a lead already announced is a duplicate: counted, not stored or announced again', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.graph.leads.set('111', metaLead('111'));
    await ingestLeadgen(f.deps, value('111'));
    const again = await ingestLeadgen(f.deps, value('111'));
    expect(again).toMatchObject({ tenants: [{ outcome: 'duplicate', leadId: 'lead_111' }] });
    expect(f.events).toHaveLength(1);
    expect(f.metrics.total('leadDuplicates', { Source: 'webhook' })).toBe(1);
  });

  it('refuses a value that is not a leadgen change, and says so', async () => {
    const f = leadFakes();
    expect(await ingestLeadgen(f.deps, { page_id: 'page1' })).toEqual({
      outcome: 'invalid',
      reason: 'leadgen_value_invalid',
    });
  });

  it('a Page no tenant selected is unrouted; a form outside the selection is skipped', async () => {
    const f = leadFakes();
    expect(await ingestLeadgen(f.deps, value('111'))).toEqual({
      outcome: 'unrouted',
      reason: 'page_not_selected',
    });
    f.connections.add(activeConnection({ selection: { pages: ['page1'], leadForms: ['other'] } }), ['page1']);
    expect(await ingestLeadgen(f.deps, value('111'))).toMatchObject({
      tenants: [{ outcome: 'skipped', reason: 'form_not_selected' }],
    });
  });

  it('a token Meta no longer accepts parks the lead and marks the connection expired', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.graph.failWith = TOKEN_EXPIRED();
    const out = await ingestLeadgen(f.deps, value('111'));
    expect(out).toMatchObject({
      tenants: [{ outcome: 'pending', reason: expect.stringMatching(/^token_/) }],
    });
    expect(f.leads.pending.get('t1|111')).toMatchObject({ leadgenId: '111', pageId: 'page1' });
    expect(f.connections.markedInvalid).toEqual([
      { connectionId: 'c1', reason: expect.any(String), actor: 'system:lead-fetch' },
    ]);
  });

  it('a lead Meta refuses for good is parked with its reason; an expired connection parks without calling Meta', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.graph.failWith = LEAD_GONE();
    expect(await ingestLeadgen(f.deps, value('111'))).toMatchObject({
      tenants: [{ outcome: 'pending', reason: expect.stringMatching(/^meta_refused_/) }],
    });
    const g = leadFakes();
    g.connections.add(activeConnection({ status: 'expired' }), ['page1']);
    g.graph.failWith = new Error('must not be called');
    expect(await ingestLeadgen(g.deps, value('222'))).toMatchObject({
      tenants: [{ outcome: 'pending', reason: 'connection_expired' }],
    });
  });

  it('a passing failure is thrown, so the queue retries the message', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.graph.failWith = new MetaGraphError(500, { message: 'An unexpected error has occurred', code: 2 });
    await expect(ingestLeadgen(f.deps, value('111'))).rejects.toBeInstanceOf(MetaGraphError);
    expect(f.leads.pending.size).toBe(0);
  });
});

describe('runBackfill', () => {
  const request = {
    tenantId: 't1',
    connectionId: 'c1',
    formId: 'form1',
    pageId: 'page1',
    since: '2026-11-01T00:00:00Z',
    requestedBy: 'user:ana',
    requestId: 'req_1',
  };

  it('stores the form leads it does not have since the time asked, and audits what it found', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.graph.leads.set('111', metaLead('111'));
    f.graph.leads.set('222', metaLead('222'));
    f.graph.leads.set('333', metaLead('333', { createdTime: new Date('2026-10-01T00:00:00Z') }));
    await ingestLeadgen(f.deps, value('111'));
    const out = await runBackfill(f.deps, request);
    expect(out).toMatchObject({
      outcome: 'synced',
      reason: 'ok',
      result: { fetched: 2, stored: 1, alreadyKnown: 1 },
    });
    expect(f.leads.leads.get('t1|lead_222')).toMatchObject({ source: 'backfill' });
    expect(f.audit).toEqual([
      expect.objectContaining({
        action: 'leads.backfill',
        actor: 'user:ana',
        result: 'success',
        details: expect.objectContaining({ requestId: 'req_1', stored: 1 }),
      }),
    ]);
  });

  it('skips a connection purged since the request was queued', async () => {
    const f = leadFakes();
    expect(await runBackfill(f.deps, request)).toEqual({ outcome: 'skipped', reason: 'connection_gone' });
    expect(f.audit).toEqual([]);
  });
});

describe('reconcileLeads', () => {
  it('reads each form since its watermark (48 h on a first run), stores what no webhook brought, moves the watermark', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1'], [{ id: 'form1', pageId: 'page1' }]);
    f.graph.leads.set('111', metaLead('111', { createdTime: new Date('2026-11-20T08:00:00Z') }));
    f.graph.leads.set(
      'old',
      metaLead('old', {
        createdTime: new Date(Date.parse('2026-11-20T10:00:00Z') - FIRST_RUN_LOOKBACK_MS - 1),
      }),
    );
    const out = await reconcileLeads(f.deps);
    expect(out).toMatchObject({
      connections: 1,
      forms: [{ formId: 'form1', fetched: 1, stored: 1 }],
      errors: [],
    });
    expect(f.syncState.watermarks.get('c1|leads#form1')).toBe('2026-11-20T08:00:00.000Z');
    expect(f.leads.leads.get('t1|lead_111')).toMatchObject({ source: 'reconciliation' });
    expect(f.syncState.health.at(-1)!.patch.lastReconciliation).toMatchObject({ outcome: 'ok', stored: 1 });
  });

  it('one failing form is reported on its Page health and does not stop the run', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1'], [{ id: 'form1', pageId: 'page1' }]);
    f.graph.failWith = new MetaGraphError(500, { message: 'An unexpected error has occurred', code: 2 });
    const out = await reconcileLeads(f.deps);
    expect(out.errors).toEqual([
      { tenantId: 't1', connectionId: 'c1', formId: 'form1', error: 'MetaGraphError' },
    ]);
    expect(f.syncState.health.at(-1)!.patch.lastReconciliation).toMatchObject({
      outcome: 'failed_MetaGraphError',
    });
    expect(f.syncState.watermarks.size).toBe(0);
  });
});

describe('sendStatusFeedback', () => {
  const cmd = {
    tenantId: 't1',
    leadId: 'lead_111',
    leadgenId: '111',
    connectionId: 'c1',
    status: 'qualified',
    changedAt: '2026-11-20T09:30:00Z',
    actor: 'user:ana',
  };
  const mapping = { datasetId: 'ds1', crmName: 'Acme CRM', stages: { qualified: 'Qualified' } };

  it('sends the mapped stage to the dataset with the user token, one event id per lead and stage', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    f.settings.set(`t1|${LEAD_STATUS_MAPPING_KEY}`, mapping);
    expect(await sendStatusFeedback(f.deps, cmd)).toMatchObject({ outcome: 'sent' });
    expect(f.graph.sent).toEqual([
      {
        datasetId: 'ds1',
        token: 'token(ct:user)',
        events: [expect.objectContaining({ eventName: 'Qualified', leadId: '111', crmName: 'Acme CRM' })],
      },
    ]);
    await sendStatusFeedback(f.deps, cmd);
    expect(f.graph.sent[1]!.events[0]!.eventId).toBe(f.graph.sent[0]!.events[0]!.eventId);
  });

  it('skips a status no mapping names, and refuses an event Meta would drop as too old', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection(), ['page1']);
    expect(await sendStatusFeedback(f.deps, cmd)).toEqual({
      outcome: 'skipped',
      reason: 'no_mapping_configured',
    });
    f.settings.set(`t1|${LEAD_STATUS_MAPPING_KEY}`, mapping);
    expect(await sendStatusFeedback(f.deps, { ...cmd, status: 'lost' })).toEqual({
      outcome: 'skipped',
      reason: 'status_not_mapped',
    });
    expect(await sendStatusFeedback(f.deps, { ...cmd, changedAt: '2026-11-01T00:00:00Z' })).toEqual({
      outcome: 'failed',
      reason: 'event_too_old',
    });
    expect(f.graph.sent).toEqual([]);
  });

  it('a connection that is not active fails the feedback with an audited reason, without calling Meta', async () => {
    const f = leadFakes();
    f.connections.add(activeConnection({ status: 'revoked' }), ['page1']);
    f.settings.set(`t1|${LEAD_STATUS_MAPPING_KEY}`, mapping);
    expect(await sendStatusFeedback(f.deps, cmd)).toEqual({
      outcome: 'failed',
      reason: 'connection_not_active',
    });
    expect(f.audit).toEqual([expect.objectContaining({ action: 'lead.status-feedback', result: 'failure' })]);
  });
});
