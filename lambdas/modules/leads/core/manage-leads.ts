/**
 * The leads API's use cases: read, change a lead's status, map form fields, ask for a backfill, keep
 * the CRM status → Meta stage mapping.
 */
import { sendCommand } from '../../../platform/contracts/command-contract';
import { DomainError, notFound } from '../../../platform/core/errors';
import type { PageRequest } from '../../../platform/core/ports';
import { updateSetting } from '../../../platform/core/update-setting';
import { LeadBackfillRequested, LeadStatusFeedbackRequested } from '../contracts/commands';
import { leadEvent } from '../contracts/events';
import { LEAD_STATUS_MAPPING_KEY, type LeadStatusMapping } from '../contracts/status-mapping';
import type { LeadApiDeps, LeadFilter } from '../ports';
import { STANDARD_FIELD_MAPPING, type FieldMapping } from './field-mapping';
import { leadView } from './lead';
import { decideFeedback } from './status-feedback';
import { recordAudit } from '../../../platform/core/record-audit';

/**
 * How far back a backfill may reach. Meta's retrieval guide accounts for a Page's leads of the past 90
 * days (its rate limit is 200 × 24 × the leads created in the past 90 days,
 * https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving) and promises nothing
 * older, so a backfill asks for no more than that.
 */
export const LEAD_RETRIEVAL_DAYS = 90;

export async function listLeads(
  deps: Pick<LeadApiDeps, 'leads'>,
  tenantId: string,
  filter: LeadFilter,
  page: PageRequest,
) {
  const out = await deps.leads.list(tenantId, filter, page);
  return { items: out.items.map(leadView), nextCursor: out.nextCursor };
}

export async function getLead(deps: Pick<LeadApiDeps, 'leads'>, tenantId: string, leadId: string) {
  const lead = await deps.leads.get(tenantId, leadId);
  if (!lead) throw notFound(`Lead ${leadId}`);
  return leadView(lead);
}

export async function changeLeadStatus(
  deps: Pick<LeadApiDeps, 'leads' | 'events' | 'audit' | 'clock' | 'ids' | 'settings' | 'commands'>,
  tenantId: string,
  leadId: string,
  status: string,
  actor: string,
) {
  const before = await deps.leads.get(tenantId, leadId);
  if (!before) throw notFound(`Lead ${leadId}`);
  if (before.status === status) return { ...leadView(before), metaFeedback: 'status_unchanged' };
  const now = deps.clock.now();
  const after = await deps.leads.updateStatus(tenantId, leadId, status, now.toISOString());
  await recordAudit(deps, {
    tenantId,
    at: now,
    actor,
    action: 'lead.status',
    target: `lead:${leadId}`,
    result: 'success',
    details: { from: before.status, to: status },
  });
  await deps.events.publish([
    leadEvent('lead.status-changed', tenantId, deps.ids.next('evt'), now, {
      leadId,
      leadgenId: before.leadgenId,
      from: before.status,
      to: status,
    }),
  ]);
  const mapping = await deps.settings.get<LeadStatusMapping>(tenantId, LEAD_STATUS_MAPPING_KEY);
  const feedback = decideFeedback(mapping, status);
  if (feedback.send) {
    await sendCommand(deps.commands, LeadStatusFeedbackRequested, {
      tenantId,
      leadId,
      leadgenId: before.leadgenId,
      connectionId: before.connectionId,
      status,
      changedAt: now.toISOString(),
      actor,
    });
  }
  return { ...leadView(after), metaFeedback: feedback.send ? 'queued' : feedback.reason };
}

/**
 * Erases one lead at the business's request (the person asked, or the CRM deleted it): its answers are gone
 * from every read at once, the same leadgen id is never stored again (a tombstone without answers keeps
 * it out of the reconciliation and redeliveries), and `lead.erased` tells the CRM to delete its copy.
 * Meta keeps its own copy of the submission for 90 days; the person asks Meta for that.
 */
export async function eraseLead(
  deps: Pick<LeadApiDeps, 'leads' | 'events' | 'audit' | 'clock' | 'ids'>,
  tenantId: string,
  leadId: string,
  actor: string,
) {
  const now = deps.clock.now();
  const erased = await deps.leads.erase(tenantId, leadId, now.toISOString());
  if (!erased) throw notFound(`Lead ${leadId}`);
  await recordAudit(deps, {
    tenantId,
    at: now,
    actor,
    action: 'lead.erase',
    target: `lead:${leadId}`,
    result: 'success',
    reason: 'erased_at_request',
    details: { leadgenId: erased.leadgenId, formId: erased.formId },
  });
  await deps.events.publish([
    leadEvent('lead.erased', tenantId, `lead.erased:${leadId}`, now, {
      leadId,
      leadgenId: erased.leadgenId,
      connectionId: erased.connectionId,
      formId: erased.formId,
    }),
  ]);
  return { id: leadId, erased: true as const, erasedAt: now.toISOString() };
}

/**
 * A form the tenant selected, or a form of a Page it selected, with the connection that reaches it.
 * Anything else is not found: the tenant cannot map, backfill or even learn of another tenant's form.
 */
async function selectedForm(
  deps: Pick<LeadApiDeps, 'connections'>,
  tenantId: string,
  formId: string,
): Promise<{ connectionId: string; pageId: string }> {
  const direct = (await deps.connections.routesFor(formId)).filter(
    (r) => r.tenantId === tenantId && r.assetType === 'leadForms',
  );
  let target: { connectionId: string; pageId: string } | undefined;
  for (const route of direct) {
    const forms = await deps.connections.leadForms(tenantId, route.connectionId);
    const form = forms?.find((f) => f.id === formId);
    if (form) target = { connectionId: route.connectionId, pageId: form.pageId };
  }
  if (!target) {
    for (const c of await deps.connections.list(tenantId)) {
      const forms = await deps.connections.leadForms(tenantId, c.connectionId);
      const form = forms?.find((f) => f.id === formId);
      if (form && c.selection.pages.includes(form.pageId))
        target = { connectionId: c.connectionId, pageId: form.pageId };
    }
  }
  if (!target) throw notFound(`Lead form ${formId}`);
  return target;
}

export async function getFormMapping(deps: Pick<LeadApiDeps, 'leads'>, tenantId: string, formId: string) {
  const fields = (await deps.leads.getMapping(tenantId, formId)) ?? {};
  return { formId, fields, defaults: STANDARD_FIELD_MAPPING };
}

export async function putFormMapping(
  deps: Pick<LeadApiDeps, 'leads' | 'audit' | 'clock' | 'ids' | 'connections'>,
  tenantId: string,
  formId: string,
  mapping: FieldMapping,
  actor: string,
) {
  await selectedForm(deps, tenantId, formId);
  const at = deps.clock.now().toISOString();
  await deps.leads.putMapping(tenantId, formId, mapping, at);
  await recordAudit(deps, {
    tenantId,
    at,
    actor,
    action: 'lead-form.mapping',
    target: `form:${formId}`,
    result: 'success',
    details: { mappedFields: Object.keys(mapping) },
  });
  return { formId, fields: mapping, updatedAt: at };
}

export async function requestBackfill(
  deps: Pick<LeadApiDeps, 'connections' | 'clock' | 'ids' | 'commands'>,
  tenantId: string,
  formId: string,
  since: Date,
  actor: string,
) {
  const now = deps.clock.now();
  if (since.getTime() > now.getTime())
    throw new DomainError('validation', 'since is in the future', 'since_in_future', [
      { field: 'body.since', message: 'must be in the past' },
    ]);
  if (since.getTime() < now.getTime() - LEAD_RETRIEVAL_DAYS * 86_400_000)
    throw new DomainError(
      'validation',
      `since is more than ${LEAD_RETRIEVAL_DAYS} days ago`,
      'since_before_retrieval_window',
      [{ field: 'body.since', message: `must be within the last ${LEAD_RETRIEVAL_DAYS} days` }],
    );
  const target = await selectedForm(deps, tenantId, formId);
  const requestId = deps.ids.next('bkf');
  await sendCommand(deps.commands, LeadBackfillRequested, {
    tenantId,
    connectionId: target.connectionId,
    formId,
    pageId: target.pageId,
    since: since.toISOString(),
    requestedBy: actor,
    requestId,
  });
  return { requestId, formId, since: since.toISOString(), status: 'queued' as const };
}

export async function getStatusMapping(deps: Pick<LeadApiDeps, 'settings'>, tenantId: string) {
  return (await deps.settings.get<LeadStatusMapping>(tenantId, LEAD_STATUS_MAPPING_KEY)) ?? null;
}

/** Stored and audited like every setting, with the statuses it maps and the dataset it sends to. */
export async function putStatusMapping(
  deps: Pick<LeadApiDeps, 'settings' | 'audit' | 'clock' | 'ids'>,
  who: { tenantId: string; actor: string },
  mapping: LeadStatusMapping,
): Promise<LeadStatusMapping> {
  return updateSetting(deps, who, LEAD_STATUS_MAPPING_KEY, mapping, {
    stages: Object.keys(mapping.stages),
    datasetId: mapping.datasetId,
  });
}
