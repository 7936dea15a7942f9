/**
 * Creates leads the way a person submitting an Instant Form does, and builds the `leadgen` webhook Meta
 * sends for it: no PII, `created_time` in Unix seconds, `ad_id`/`adgroup_id` only
 * for leads that came through an ad.
 */
import { ControlError } from './control-router';
import type { SimLead, World } from './world';

export interface NewLead {
  pageId: string;
  formId: string;
  adId?: string;
  fieldData: Record<string, string | string[]> | Array<{ name: string; values: string[] }>;
  /** Unix seconds, or an ISO string */
  createdTime?: number | string;
  platform?: 'fb' | 'ig';
  isOrganic?: boolean;
  /** a fixed lead id (a golden webhook fixture names its lead); generated when absent */
  leadgenId?: string;
}

function toSeconds(v: number | string | undefined, now: number): number {
  if (v === undefined) return now;
  if (typeof v === 'number') return Math.floor(v);
  if (/^\d+$/.test(v)) return Number(v);
  const ms = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new ControlError(400, 'invalid_request', `createdTime ${v} is not a time`);
  return Math.floor(ms / 1000);
}

export function createLead(world: World, now: number, input: NewLead): SimLead {
  const page = world.pages.get(input.pageId);
  if (!page) throw new ControlError(400, 'unknown_page', `no Page ${input.pageId} in the world`);
  const form = world.leadForms.get(input.formId);
  if (!form || form.pageId !== page.id)
    throw new ControlError(400, 'unknown_form', `no lead form ${input.formId} on Page ${page.id}`);
  if (input.adId !== undefined && !world.ads.has(input.adId)) {
    throw new ControlError(400, 'unknown_ad', `no ad ${input.adId} in the world`);
  }
  const fieldData = Array.isArray(input.fieldData)
    ? input.fieldData.map((f) => ({ name: f.name, values: [...f.values] }))
    : Object.entries(input.fieldData).map(([name, v]) => ({ name, values: Array.isArray(v) ? [...v] : [v] }));

  const lead: SimLead = {
    id: input.leadgenId ?? world.newId(16),
    formId: form.id,
    pageId: page.id,
    adId: input.adId ?? null,
    createdTime: toSeconds(input.createdTime, now),
    fieldData,
    platform: input.platform ?? 'fb',
    isOrganic: input.isOrganic ?? input.adId === undefined,
  };
  world.leads.set(lead.id, lead);
  return lead;
}

export function leadgenWebhook(lead: SimLead, now: number): Record<string, unknown> {
  return {
    object: 'page',
    entry: [
      {
        id: lead.pageId,
        time: now,
        changes: [
          {
            field: 'leadgen',
            value: {
              leadgen_id: lead.id,
              page_id: lead.pageId,
              form_id: lead.formId,
              ...(lead.adId ? { ad_id: lead.adId, adgroup_id: lead.adId } : {}),
              created_time: lead.createdTime,
            },
          },
        ],
      },
    ],
  };
}
