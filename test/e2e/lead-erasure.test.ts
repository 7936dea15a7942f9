/**
 * Erasing one lead at the business's request (`DELETE /api/v1/leads/{id}`), over HTTP on the local runtime:
 * its answers are gone from every read and from the table, `lead.erased` tells the CRM without repeating
 * them, and neither Meta's redelivery nor the reconciliation (which still finds it at Meta) stores it again.
 */
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { deliver, leadgenEnvelope, simLead, waitForLeads } from '../support/leads';
import { scanAll } from '../support/privacy';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

const rt = withLocalRuntime();
const T = 'erase-lead-co';

it('erases a lead everywhere here, tells the CRM, and never stores it again', async () => {
  await connectAndSelect(rt, T, { pages: [W.bakeryPageId], leadForms: [W.bakeryLeadFormId] });
  const { leadgenId } = await simLead(rt, {
    fieldData: { full_name: 'Erin Erase', email: 'erin@example.test' },
  });
  const [lead] = await waitForLeads(rt, T, 1);
  const api = rt.api({ token: await rt.token(T) });

  // another tenant cannot erase it
  const stranger = rt.api({ token: await rt.token('erase-stranger-co') });
  expect((await stranger.delete(`/api/v1/leads/${lead.id}`)).status).toBe(404);

  const res = await api.delete(`/api/v1/leads/${lead.id}`);
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ id: lead.id, erased: true, erasedAt: expect.any(String) });
  expect((await api.get(`/api/v1/leads/${lead.id}`)).status).toBe(404);
  expect((await api.get('/api/v1/leads')).json.items).toEqual([]);
  expect((await api.delete(`/api/v1/leads/${lead.id}`)).status).toBe(404);
  // the table keeps no answer: a tombstone with the ids only
  const raw = JSON.stringify((await scanAll(rt)).filter((i) => String(i.pk).startsWith(`T#${T}`)));
  expect(raw).not.toMatch(/Erin|erin@example/);
  // the CRM is told, without the answers
  const erased = rt.runtime.events({ detailType: 'lead.erased' }).map((e) => e.envelope.detail as any);
  expect(erased).toEqual([
    expect.objectContaining({ tenantId: T, leadId: lead.id, leadgenId, formId: W.bakeryLeadFormId }),
  ]);
  expect(JSON.stringify(erased)).not.toMatch(/Erin|erin@example/);
  const audit = (await api.get('/api/v1/audit?action=lead.erase')).json.items;
  expect(audit[0]).toMatchObject({
    target: `lead:${lead.id}`,
    reason: 'erased_at_request',
    result: 'success',
  });

  // Meta delivers the same lead again, and the reconciliation finds it at Meta: neither stores it
  expect((await deliver(rt, leadgenEnvelope([{ leadgenId }]))).status).toBe(200);
  await rt.runtime.runSchedule('lead-reconciliation');
  await eventually(async () =>
    rt.runtime
      .events({ detailType: 'meta.page.leadgen' })
      .filter((e) => JSON.stringify(e.envelope.detail).includes(leadgenId)).length >= 2
      ? true
      : undefined,
  );
  // the redelivered change went through the worker: give it the time a fresh lead takes, then look
  await simLead(rt, { fieldData: { full_name: 'Next Person' } });
  const after = await waitForLeads(rt, T, 1);
  expect(after.map((l: { leadgenId: string }) => l.leadgenId)).not.toContain(leadgenId);
  expect(
    rt.runtime
      .events({ detailType: 'lead.created' })
      .filter((e) => (e.envelope.detail as any).leadgenId === leadgenId),
  ).toHaveLength(1);
});
