/**
 * A `message_template_status_update` change: Meta approved, rejected, paused or disabled a template of
 * a WhatsApp Business Account. Every tenant with a selected number of that account sees the new status
 * on its stored copy; a template it has not stored yet (made in WhatsApp Manager) is stored from what the
 * change says. Meta repeats deliveries: applying the same change twice stores the same thing. The status
 * is Meta's event as it names it (APPROVED, REJECTED, PAUSED, DISABLED, ARCHIVED …).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
import * as z from '../../../platform/contracts/zod';
import type { StoredTemplate, TemplateStatusDeps } from '../ports';
import { reasonOf } from './manage-templates';

/** Meta writes the template id as a number */
const idString = z.pipe(
  z.union([z.string().check(z.regex(/^[0-9]{1,32}$/)), z.number().check(z.int(), z.nonnegative())]),
  z.transform(String),
);

export const TemplateStatusChange = z.object({
  event: z.string().check(z.minLength(1), z.maxLength(64)),
  message_template_id: idString,
  message_template_name: z.string().check(z.minLength(1), z.maxLength(512)),
  message_template_language: z.string().check(z.minLength(1), z.maxLength(16)),
  reason: z.nullish(z.string().check(z.maxLength(2000))),
  message_template_category: z.nullish(z.string().check(z.maxLength(64))),
});

export type TemplateStatusOutcome =
  | { outcome: 'ignored'; reason: 'malformed_change' | 'no_tenant_selected_this_account' }
  | { outcome: 'updated'; tenants: number; reason: 'status_stored' };

export async function applyTemplateStatus(
  deps: TemplateStatusDeps,
  wabaId: string,
  value: unknown,
): Promise<TemplateStatusOutcome> {
  const parsed = TemplateStatusChange.safeParse(value);
  if (!parsed.success) return { outcome: 'ignored', reason: 'malformed_change' };
  const c = parsed.data;
  const selections = await deps.connections.selectionsOfWaba(wabaId);
  if (selections.length === 0) return { outcome: 'ignored', reason: 'no_tenant_selected_this_account' };
  const updatedAt = deps.clock.now().toISOString();
  for (const s of selections) {
    const known = (await deps.store.listTemplates(s.tenantId, s.connectionId, wabaId)).find(
      (t) => t.name === c.message_template_name && t.language === c.message_template_language,
    );
    const next: StoredTemplate = {
      tenantId: s.tenantId,
      connectionId: s.connectionId,
      wabaId,
      id: c.message_template_id,
      name: c.message_template_name,
      language: c.message_template_language,
      category: c.message_template_category ?? known?.category ?? null,
      status: c.event,
      reason: reasonOf(c.reason),
      components: known?.components ?? [],
      source: 'webhook',
      updatedAt,
    };
    await deps.store.putTemplates([next]);
  }
  return { outcome: 'updated', tenants: selections.length, reason: 'status_stored' };
}
