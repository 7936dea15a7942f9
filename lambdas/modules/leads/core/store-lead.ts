/**
 * Stores one Meta lead for one tenant, once: the conditional write on the leadgen id makes webhook
 * redeliveries, reconciliation and backfill converge on a single lead. `lead.created` is published
 * after the write and re-published by whichever path finds the lead stored but not yet announced.
 */
import { loadRetention, ttlFor } from '../../../platform/core/retention-policy';
import { leadEvent } from '../contracts/events';
import type { LeadConnection, LeadPipelineDeps, MetaLead } from '../ports';
import { applyMapping } from './field-mapping';
import { INITIAL_LEAD_STATUS, leadIdFor, type LeadRecord } from './lead';

export interface StoreOutcome {
  leadId: string;
  created: boolean;
  reason: 'stored' | 'duplicate' | 'announced_late' | 'erased_at_request';
}

export async function storeMetaLead(
  deps: Pick<LeadPipelineDeps, 'leads' | 'events' | 'clock' | 'settings' | 'metrics'>,
  connection: Pick<LeadConnection, 'tenantId' | 'connectionId'>,
  meta: MetaLead,
  hint: { pageId: string; formId: string | null; source: LeadRecord['source'] },
): Promise<StoreOutcome> {
  const formId = meta.formId ?? hint.formId ?? 'unknown';
  const mapping = await deps.leads.getMapping(connection.tenantId, formId);
  const { fields, customFields } = applyMapping(meta.fieldData, mapping);
  const now = deps.clock.now();
  const candidate: LeadRecord = {
    tenantId: connection.tenantId,
    id: leadIdFor(meta.id),
    leadgenId: meta.id,
    connectionId: connection.connectionId,
    formId,
    pageId: hint.pageId,
    createdAt: meta.createdTime.toISOString(),
    receivedAt: now.toISOString(),
    fields,
    customFields,
    attribution: {
      adId: meta.adId,
      adName: meta.adName,
      adsetId: meta.adsetId,
      adsetName: meta.adsetName,
      campaignId: meta.campaignId,
      campaignName: meta.campaignName,
      isOrganic: meta.isOrganic,
      platform: meta.platform,
    },
    status: INITIAL_LEAD_STATUS,
    statusChangedAt: null,
    source: hint.source,
    eventPublished: false,
  };
  const retention = await loadRetention(deps.settings, connection.tenantId);
  const stored = await deps.leads.putIfAbsent(candidate, ttlFor('lead', retention, now).expiresAt);
  // erased at the business's request: Meta still lists it, the service never keeps it again
  if ('erased' in stored) return { leadId: candidate.id, created: false, reason: 'erased_at_request' };
  const { created, lead } = stored;
  if (lead.eventPublished) {
    deps.metrics.count('leadDuplicates', { Source: hint.source });
    return { leadId: lead.id, created, reason: 'duplicate' };
  }
  await deps.events.publish([
    leadEvent('lead.created', lead.tenantId, `lead.created:${lead.id}`, now, {
      leadId: lead.id,
      leadgenId: lead.leadgenId,
      connectionId: lead.connectionId,
      formId: lead.formId,
      pageId: lead.pageId,
      createdAt: lead.createdAt,
      fields: lead.fields,
      customFields: lead.customFields,
      attribution: lead.attribution,
      source: lead.source,
    }),
  ]);
  await deps.leads.markEventPublished(lead.tenantId, lead.id);
  // stored by an earlier run that could not announce it: this run only finished the job
  deps.metrics.count(created ? 'leadsStored' : 'leadDuplicates', { Source: hint.source });
  return { leadId: lead.id, created, reason: created ? 'stored' : 'announced_late' };
}
