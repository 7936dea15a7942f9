import {
  deleteTemplate,
  listTemplates,
  submitTemplate,
} from '../../../lambdas/modules/whatsapp/core/manage-templates';
import type { TemplateSubmission } from '../../../lambdas/modules/whatsapp/contracts/http';
import { OTHER, TENANT, WABA, whatsappFakes } from './fakes';

const template = (over: Partial<TemplateSubmission> = {}): TemplateSubmission => ({
  name: 'order_ready',
  language: 'en_US',
  category: 'UTILITY',
  components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }],
  ...over,
});

describe('submitting a template', () => {
  it('stores what Meta answers (id, status, category) and audits the submission', async () => {
    const f = whatsappFakes();
    const out = await submitTemplate(f.deps, TENANT, WABA, template(), 'user:ana');
    expect(out).toMatchObject({
      id: 'tpl1',
      wabaId: WABA,
      connectionId: 'con_1',
      name: 'order_ready',
      status: 'PENDING',
      category: 'UTILITY',
      source: 'submitted',
    });
    expect(f.graph.calls[0]).toMatchObject({
      op: 'createTemplate',
      id: WABA,
      token: `token(${TENANT}/con_1)`,
    });
    expect((await listTemplates(f.deps, TENANT, WABA, { refresh: false })).items).toEqual([out]);
    expect(f.audit).toEqual([
      expect.objectContaining({
        action: 'whatsapp.template.submit',
        result: 'success',
        details: expect.objectContaining({ templateId: 'tpl1', status: 'PENDING' }),
      }),
    ]);
  });

  it("keeps Meta's category when Meta recategorizes", async () => {
    const f = whatsappFakes();
    f.graph.createTemplate = async () => ({ id: 'tpl9', status: 'PENDING', category: 'MARKETING' });
    const out = await submitTemplate(
      f.deps,
      TENANT,
      WABA,
      template({ allowCategoryChange: true }),
      'user:ana',
    );
    expect(out.category).toBe('MARKETING');
  });

  it('a name Meta already has is a conflict (2388024); nothing is stored, the failure is audited', async () => {
    const f = whatsappFakes();
    f.graph.refuseNext('createTemplate', {
      code: 100,
      errorSubcode: 2388024,
      message: '(#100) Invalid parameter',
      errorUserMsg: 'Content in this language already exists',
    });
    await expect(submitTemplate(f.deps, TENANT, WABA, template(), 'user:ana')).rejects.toMatchObject({
      status: 409,
      reason: 'template_exists',
      message: expect.stringContaining('already exists'),
    });
    expect(f.store.templates.size).toBe(0);
    expect(f.audit[0]).toMatchObject({ result: 'failure', reason: 'template_exists' });
  });

  it("a token without whatsapp_business_management is the tenant's to fix (403)", async () => {
    const f = whatsappFakes();
    f.graph.refuseNext('createTemplate', {
      code: 200,
      message: '(#200) Requires whatsapp_business_management',
    });
    await expect(submitTemplate(f.deps, TENANT, WABA, template(), 'user:ana')).rejects.toMatchObject({
      status: 403,
      reason: 'missing_permission',
    });
  });

  it('an account the tenant did not select answers 404 without calling Meta', async () => {
    const f = whatsappFakes();
    await expect(submitTemplate(f.deps, OTHER, WABA, template(), 'user:bob')).rejects.toMatchObject({
      status: 404,
    });
    await expect(listTemplates(f.deps, OTHER, WABA, { refresh: true })).rejects.toMatchObject({
      status: 404,
    });
    await expect(deleteTemplate(f.deps, OTHER, WABA, 'order_ready', 'user:bob')).rejects.toMatchObject({
      status: 404,
    });
    expect(f.graph.calls).toHaveLength(0);
  });
});

describe('listing and deleting', () => {
  it("refresh stores Meta's list and drops what Meta no longer has", async () => {
    const f = whatsappFakes();
    await submitTemplate(f.deps, TENANT, WABA, template({ name: 'gone_one' }), 'user:ana');
    f.graph.templates.set(WABA, [
      {
        id: '77',
        name: 'made_in_manager',
        language: 'pt_BR',
        status: 'REJECTED',
        category: 'MARKETING',
        reason: 'INVALID_FORMAT',
        components: [{ type: 'BODY', text: 'Olá' }],
      },
    ]);
    const out = await listTemplates(f.deps, TENANT, WABA, { refresh: true });
    expect(out.items).toEqual([
      expect.objectContaining({
        id: '77',
        name: 'made_in_manager',
        status: 'REJECTED',
        reason: 'INVALID_FORMAT',
        source: 'synced',
      }),
    ]);
    expect((await listTemplates(f.deps, TENANT, WABA, { refresh: false })).items).toHaveLength(1);
  });

  it('without refresh, lists the stored templates without calling Meta', async () => {
    const f = whatsappFakes();
    await listTemplates(f.deps, TENANT, WABA, { refresh: false });
    expect(f.graph.calls).toHaveLength(0);
  });

  it('deletes every stored language of the name at Meta and here, and audits it', async () => {
    const f = whatsappFakes();
    await submitTemplate(f.deps, TENANT, WABA, template(), 'user:ana');
    await submitTemplate(f.deps, TENANT, WABA, template({ language: 'es' }), 'user:ana');
    await submitTemplate(f.deps, TENANT, WABA, template({ name: 'kept_one' }), 'user:ana');
    const out = await deleteTemplate(f.deps, TENANT, WABA, 'order_ready', 'user:ana');
    expect(out).toEqual({ wabaId: WABA, name: 'order_ready', deleted: true, languages: 2 });
    expect(f.graph.calls.at(-1)).toMatchObject({ op: 'deleteTemplate', args: { name: 'order_ready' } });
    expect((await listTemplates(f.deps, TENANT, WABA, { refresh: false })).items.map((t) => t.name)).toEqual([
      'kept_one',
    ]);
    expect(f.audit.at(-1)).toMatchObject({ action: 'whatsapp.template.delete', result: 'success' });
  });

  it('keeps the stored copy when Meta refuses the delete', async () => {
    const f = whatsappFakes();
    await submitTemplate(f.deps, TENANT, WABA, template(), 'user:ana');
    f.graph.refuseNext('deleteTemplate', { code: 2, message: 'Service temporarily unavailable' });
    await expect(deleteTemplate(f.deps, TENANT, WABA, 'order_ready', 'user:ana')).rejects.toMatchObject({
      status: 502,
    });
    expect(f.store.templates.size).toBe(1);
  });
});
