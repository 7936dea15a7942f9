/** A CRM lead made from a Meta Lead Ads submission. */
export interface LeadAttribution {
  adId: string | null;
  adName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  isOrganic: boolean;
  platform: string | null;
}

export interface LeadRecord {
  tenantId: string;
  id: string;
  leadgenId: string;
  connectionId: string;
  formId: string;
  pageId: string;
  /** when the person submitted the form (Meta's created_time) */
  createdAt: string;
  receivedAt: string;
  fields: Record<string, string>;
  customFields: Record<string, string>;
  attribution: LeadAttribution;
  status: string;
  statusChangedAt: string | null;
  /** `webhook`, `reconciliation` or `backfill`: how the lead reached us */
  source: 'webhook' | 'reconciliation' | 'backfill';
  /** outbox flag: lead.created is re-sent until this is true */
  eventPublished: boolean;
}

export const INITIAL_LEAD_STATUS = 'new';

export const leadIdFor = (leadgenId: string) => `lead_${leadgenId}`;

export function leadView(l: LeadRecord) {
  return {
    id: l.id,
    leadgenId: l.leadgenId,
    connectionId: l.connectionId,
    formId: l.formId,
    pageId: l.pageId,
    createdAt: l.createdAt,
    receivedAt: l.receivedAt,
    fields: l.fields,
    customFields: l.customFields,
    attribution: {
      adId: l.attribution.adId,
      adsetId: l.attribution.adsetId,
      campaignId: l.attribution.campaignId,
      adName: l.attribution.adName,
      adsetName: l.attribution.adsetName,
      campaignName: l.attribution.campaignName,
      isOrganic: l.attribution.isOrganic,
      platform: l.attribution.platform,
    },
    status: l.status,
    statusChangedAt: l.statusChangedAt,
    source: l.source,
  };
}
