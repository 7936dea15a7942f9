/**
 * Message templates of a selected WhatsApp Business Account: list what is stored (or read Meta's list
 * first), submit one for review, delete one by name. What Meta answers (id, status, category) is stored
 * so the API can list templates without calling Meta, and status webhooks keep it current
 * (template-status.ts).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview
 */
import type { AuditEntry } from '../../../platform/core/audit-entry';
import type { TemplateSubmission } from '../contracts/http';
import type { StoredTemplate, WhatsAppDeps } from '../ports';
import { atMeta } from './meta-refusal';
import { wabaAccess } from './whatsapp-access';
import { recordAudit } from '../../../platform/core/record-audit';

/** Meta writes `NONE` when a status change has no reason */
export const reasonOf = (r: string | null | undefined) => (!r || r === 'NONE' ? null : r);

export type TemplateView = Omit<StoredTemplate, 'tenantId'>;

const view = ({ tenantId: _t, ...t }: StoredTemplate): TemplateView => t;

export async function listTemplates(
  deps: WhatsAppDeps,
  tenantId: string,
  wabaId: string,
  opts: { refresh: boolean },
): Promise<{ items: TemplateView[]; nextCursor: null }> {
  const w = await wabaAccess(deps, tenantId, wabaId);
  if (opts.refresh) {
    const atMetaNow = await atMeta('list the templates', () => deps.graph.listTemplates(wabaId, w.token));
    const updatedAt = deps.clock.now().toISOString();
    const seen = new Set(atMetaNow.map((t) => `${t.name}#${t.language}`));
    await deps.store.putTemplates(
      atMetaNow.map((t) => ({
        tenantId,
        connectionId: w.connectionId,
        wabaId,
        id: t.id,
        name: t.name,
        language: t.language,
        category: t.category,
        status: t.status,
        reason: reasonOf(t.reason),
        components: t.components,
        source: 'synced',
        updatedAt,
      })),
    );
    // a template deleted in WhatsApp Manager is gone from Meta's list: it goes from ours too
    for (const stale of await deps.store.listTemplates(tenantId, w.connectionId, wabaId))
      if (!seen.has(`${stale.name}#${stale.language}`))
        await deps.store.deleteTemplates(tenantId, w.connectionId, wabaId, stale.name);
  }
  const items = await deps.store.listTemplates(tenantId, w.connectionId, wabaId);
  items.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  return { items: items.map(view), nextCursor: null };
}

export async function submitTemplate(
  deps: WhatsAppDeps,
  tenantId: string,
  wabaId: string,
  t: TemplateSubmission,
  actor: string,
): Promise<TemplateView> {
  const w = await wabaAccess(deps, tenantId, wabaId);
  const audit = auditOf(
    deps,
    tenantId,
    actor,
    'whatsapp.template.submit',
    `whatsapp-template:${wabaId}/${t.name}`,
  );
  let created: { id: string; status: string; category: string | null };
  try {
    created = await atMeta('create the template', () => deps.graph.createTemplate(wabaId, w.token, t));
  } catch (err) {
    await audit(
      'failure',
      { language: t.language, category: t.category },
      (err as { reason?: string }).reason ?? 'error',
    );
    throw err;
  }
  const stored: StoredTemplate = {
    tenantId,
    connectionId: w.connectionId,
    wabaId,
    id: created.id,
    name: t.name,
    language: t.language,
    // Meta may recategorize (allow_category_change): what it answers is what the template is
    category: created.category ?? t.category,
    status: created.status,
    reason: null,
    components: t.components,
    source: 'submitted',
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.putTemplates([stored]);
  await audit('success', {
    templateId: created.id,
    language: t.language,
    category: stored.category,
    status: created.status,
  });
  return view(stored);
}

export async function deleteTemplate(
  deps: WhatsAppDeps,
  tenantId: string,
  wabaId: string,
  name: string,
  actor: string,
): Promise<{ wabaId: string; name: string; deleted: true; languages: number }> {
  const w = await wabaAccess(deps, tenantId, wabaId);
  const audit = auditOf(
    deps,
    tenantId,
    actor,
    'whatsapp.template.delete',
    `whatsapp-template:${wabaId}/${name}`,
  );
  try {
    await atMeta('delete the template', () => deps.graph.deleteTemplate(wabaId, w.token, name));
  } catch (err) {
    await audit('failure', {}, (err as { reason?: string }).reason ?? 'error');
    throw err;
  }
  const languages = await deps.store.deleteTemplates(tenantId, w.connectionId, wabaId, name);
  await audit('success', { languages });
  return { wabaId, name, deleted: true, languages };
}

function auditOf(deps: WhatsAppDeps, tenantId: string, actor: string, action: string, target: string) {
  return (result: AuditEntry['result'], details: Record<string, unknown>, reason?: string) =>
    recordAudit(deps, {
      tenantId,
      actor,
      action,
      target,
      result,
      ...(reason ? { reason } : {}),
      details,
    });
}
