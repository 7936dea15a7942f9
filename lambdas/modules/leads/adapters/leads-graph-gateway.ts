/**
 * The leads module's slice of the Graph API over the shared Graph client: one lead by id, a form's leads
 * since a time, and CRM stages back to Meta. Paths, fields and Meta's answer shapes live here.
 * https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
 * https://developers.facebook.com/docs/marketing-api/conversions-api/conversion-leads-integration
 */
import * as z from '../../../platform/contracts/zod';
import type { GraphClient } from '../../../platform/adapters/graph/graph-client';
import { idString, readAllPages } from '../../../platform/adapters/graph/graph-pages';
import type { ConversionLeadEvent, LeadsGraph, MetaLead } from '../ports';

export const LEAD_FIELDS =
  'id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,is_organic,platform';

export const LeadResponse = z.object({
  id: idString,
  created_time: z.string(),
  form_id: z.optional(idString),
  ad_id: z.optional(idString),
  ad_name: z.optional(z.string()),
  adset_id: z.optional(idString),
  adset_name: z.optional(z.string()),
  campaign_id: z.optional(idString),
  campaign_name: z.optional(z.string()),
  is_organic: z.optional(z.union([z.boolean(), z.string()])),
  platform: z.optional(z.string()),
  field_data: z._default(
    z.array(
      z.object({
        name: z.string(),
        values: z._default(
          z.array(z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String))),
          [],
        ),
      }),
    ),
    [],
  ),
});

export class LeadsGraphGateway implements LeadsGraph {
  constructor(
    private readonly client: GraphClient,
    /** the most pages of a form's leads followed (a runaway `next` must not loop forever) */
    private readonly maxPages?: number,
  ) {}

  async getLead(leadgenId: string, token: string): Promise<MetaLead> {
    return toLead(
      await this.client.get(leadgenId, { token, query: { fields: LEAD_FIELDS }, schema: LeadResponse }),
    );
  }

  async listFormLeads(formId: string, token: string, since: Date): Promise<MetaLead[]> {
    const filtering = JSON.stringify([
      { field: 'time_created', operator: 'GREATER_THAN', value: Math.floor(since.getTime() / 1000) },
    ]);
    const leads = await readAllPages(this.client, `${formId}/leads`, {
      token,
      item: LeadResponse,
      query: { fields: LEAD_FIELDS, filtering },
      maxPages: this.maxPages,
    });
    return leads.map(toLead);
  }

  async sendConversionEvents(datasetId: string, token: string, events: ConversionLeadEvent[]) {
    const data = events.map((e) => ({
      event_name: e.eventName,
      event_time: e.eventTime,
      event_id: e.eventId,
      action_source: 'system_generated',
      user_data: { lead_id: Number.isSafeInteger(Number(e.leadId)) ? Number(e.leadId) : e.leadId },
      custom_data: { event_source: 'crm', lead_event_source: e.crmName },
    }));
    // Meta dedupes on event_id, so a lost answer may be sent again
    const res = await this.client.post(`${datasetId}/events`, {
      token,
      form: { data: JSON.stringify(data) },
      schema: z.object({ events_received: z.coerce.number().check(z.int()) }),
      idempotent: true,
    });
    return { eventsReceived: res.events_received };
  }
}

function toLead(l: z.output<typeof LeadResponse>): MetaLead {
  // Meta writes `+0000`; Date.parse wants `+00:00`
  const created = new Date(l.created_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return {
    id: l.id,
    createdTime: Number.isNaN(created.getTime()) ? new Date(0) : created,
    formId: l.form_id ?? null,
    adId: l.ad_id ?? null,
    adName: l.ad_name ?? null,
    adsetId: l.adset_id ?? null,
    adsetName: l.adset_name ?? null,
    campaignId: l.campaign_id ?? null,
    campaignName: l.campaign_name ?? null,
    isOrganic:
      l.is_organic === true ||
      l.is_organic === 'true' ||
      l.is_organic === '1' ||
      (!l.ad_id && l.is_organic === undefined),
    platform: l.platform ?? null,
    fieldData: l.field_data.map((f) => ({ name: f.name, values: f.values })),
  };
}
