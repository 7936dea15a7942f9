/** Erasing a lead with in-memory fakes: gone, announced without its answers, never stored again. */
import { eraseLead } from '../../../lambdas/modules/leads/core/manage-leads';
import { ingestLeadgen } from '../../../lambdas/modules/leads/core/ingest-leadgen';
import { activeConnection, leadFakes, metaLead } from './fakes';

const value = { leadgen_id: '111', page_id: 'page1', form_id: 'form1' };

it('erases a stored lead, tells the CRM without the answers, and a redelivery does not store it again', async () => {
  const f = leadFakes();
  f.connections.add(activeConnection(), ['page1']);
  f.graph.leads.set('111', metaLead('111'));
  await ingestLeadgen(f.deps, value);
  expect(f.leads.leads.has('t1|lead_111')).toBe(true);

  const out = await eraseLead(f.deps, 't1', 'lead_111', 'user:ana');
  expect(out).toEqual({ id: 'lead_111', erased: true, erasedAt: '2026-11-20T10:00:00.000Z' });
  expect(f.leads.leads.has('t1|lead_111')).toBe(false);
  const announced = f.events.filter((e) => e.type === 'lead.erased');
  expect(announced.map((e) => e.detail)).toEqual([
    expect.objectContaining({ tenantId: 't1', leadId: 'lead_111', leadgenId: '111', formId: 'form1' }),
  ]);
  expect(Object.keys(announced[0]!.detail)).not.toContain('fields');
  expect(f.audit.at(-1)).toMatchObject({
    action: 'lead.erase',
    reason: 'erased_at_request',
    actor: 'user:ana',
  });

  const again = await ingestLeadgen(f.deps, value);
  expect(again).toMatchObject({ tenants: [expect.objectContaining({ outcome: 'erased_at_request' })] });
  expect(f.leads.leads.has('t1|lead_111')).toBe(false);
  await expect(eraseLead(f.deps, 't1', 'lead_111', 'user:ana')).rejects.toMatchObject({ kind: 'not_found' });
});
