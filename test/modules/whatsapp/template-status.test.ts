import { applyTemplateStatus } from '../../../lambdas/modules/whatsapp/core/template-status';
import { submitTemplate } from '../../../lambdas/modules/whatsapp/core/manage-templates';
import { NUMBER, OTHER, TENANT, WABA, whatsappFakes } from './fakes';

const change = (over: Record<string, unknown> = {}) => ({
  event: 'APPROVED',
  message_template_id: 1298374650192999,
  message_template_name: 'order_ready',
  message_template_language: 'en_US',
  reason: 'NONE',
  ...over,
});

describe('template status webhooks', () => {
  it('updates the stored template of every tenant that selected a number of the account', async () => {
    const f = whatsappFakes();
    f.connections.select({ tenantId: OTHER, connectionId: 'con_2', phoneNumberId: NUMBER, wabaId: WABA });
    await submitTemplate(
      f.deps,
      TENANT,
      WABA,
      {
        name: 'order_ready',
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hi' }],
      },
      'user:ana',
    );
    const out = await applyTemplateStatus(
      f.deps,
      WABA,
      change({ event: 'REJECTED', reason: 'INVALID_FORMAT' }),
    );
    expect(out).toEqual({ outcome: 'updated', tenants: 2, reason: 'status_stored' });
    const mine = (await f.store.listTemplates(TENANT, 'con_1', WABA))[0];
    expect(mine).toMatchObject({
      status: 'REJECTED',
      reason: 'INVALID_FORMAT',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi' }],
      source: 'webhook',
      id: '1298374650192999',
    });
    // a template the other tenant had not stored yet (made in WhatsApp Manager) is stored from the change
    expect((await f.store.listTemplates(OTHER, 'con_2', WABA))[0]).toMatchObject({ status: 'REJECTED' });
  });

  it('is the same after a repeated delivery', async () => {
    const f = whatsappFakes();
    await applyTemplateStatus(f.deps, WABA, change());
    const once = [...f.store.templates.values()];
    await applyTemplateStatus(f.deps, WABA, change());
    expect([...f.store.templates.values()]).toEqual(once);
    expect(once[0]).toMatchObject({ status: 'APPROVED', reason: null });
  });

  it('ignores an account nobody selected, and a change it cannot read, with the reason', async () => {
    const f = whatsappFakes();
    expect(await applyTemplateStatus(f.deps, '999', change())).toEqual({
      outcome: 'ignored',
      reason: 'no_tenant_selected_this_account',
    });
    expect(await applyTemplateStatus(f.deps, WABA, { event: 'APPROVED' })).toEqual({
      outcome: 'ignored',
      reason: 'malformed_change',
    });
    expect(f.store.templates.size).toBe(0);
  });
});
