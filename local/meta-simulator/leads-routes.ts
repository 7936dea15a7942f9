/**
 * Lead Ads: a Page's forms, a form, a lead, and a form's (or ad's) leads with `filtering` on
 * `time_created`. Leads are listed newest first, as Meta lists them.
 */
import { GraphErrors } from './graph-errors';
import { type NodeSpec, renderNode } from './fields';
import { paginate } from './pagination';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import { reachableAdAccount } from './ads-routes';
import type { SimLead, SimLeadForm } from './world';
import { MARKETING_CONTRACTS } from './contracts';

/** Meta's lead timestamps: ISO 8601 with `+0000` */
export function metaTime(unixS: number): string {
  return new Date(unixS * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export const LEAD_FORM_SPEC: NodeSpec<SimLeadForm> = {
  type: 'LeadgenForm',
  defaultFields: ['id', 'locale', 'name', 'status'],
  fields: {
    id: (f) => f.id,
    name: (f) => f.name,
    status: (f) => f.status,
    locale: (f) => f.locale,
    created_time: (f) => metaTime(f.createdTime),
    page: (f, ctx) => {
      const p = ctx.world.pages.get(f.pageId);
      return p ? { id: p.id, name: p.name } : { id: f.pageId };
    },
    page_id: (f) => f.pageId,
    questions: (f) => f.questions.map((q) => ({ key: q.key, label: q.label, type: q.type, id: q.id })),
    leads_count: (f, ctx) => leadsOfForm(ctx, f.id).length,
    organic_leads_count: (f, ctx) => leadsOfForm(ctx, f.id).filter((l) => l.isOrganic).length,
    expired_leads_count: () => 0,
    privacy_policy_url: () => 'https://example.com/privacy',
    follow_up_action_url: () => 'https://example.com/thanks',
  },
};

export const LEAD_SPEC: NodeSpec<SimLead> = {
  type: 'UserLeadGenInfo',
  defaultFields: ['created_time', 'id', 'field_data'],
  fields: {
    id: (l) => l.id,
    created_time: (l) => metaTime(l.createdTime),
    field_data: (l) => l.fieldData.map((f) => ({ name: f.name, values: [...f.values] })),
    form_id: (l) => l.formId,
    is_organic: (l) => l.isOrganic,
    platform: (l) => l.platform,
    ad_id: (l) => l.adId ?? undefined,
    ad_name: (l, ctx) => (l.adId ? ctx.world.ads.get(l.adId)?.name : undefined),
    adset_id: (l, ctx) => (l.adId ? ctx.world.ads.get(l.adId)?.adsetId : undefined),
    adset_name: (l, ctx) => {
      const ad = l.adId ? ctx.world.ads.get(l.adId) : undefined;
      return ad ? ctx.world.adSets.get(ad.adsetId)?.name : undefined;
    },
    campaign_id: (l, ctx) => (l.adId ? ctx.world.ads.get(l.adId)?.campaignId : undefined),
    campaign_name: (l, ctx) => {
      const ad = l.adId ? ctx.world.ads.get(l.adId) : undefined;
      return ad ? ctx.world.campaigns.get(ad.campaignId)?.name : undefined;
    },
    custom_disclaimer_responses: () => undefined,
    partner_name: () => undefined,
    post: () => undefined,
    retailer_item_id: () => undefined,
    home_listing: () => undefined,
    vehicle: () => undefined,
  },
};

function leadsOfForm(ctx: GraphContext, formId: string): SimLead[] {
  return [...ctx.world.leads.values()].filter((l) => l.formId === formId);
}

function newestFirst(leads: SimLead[]): SimLead[] {
  // insertion order breaks ties: the later lead comes first
  return leads
    .map((l, i) => ({ l, i }))
    .sort((a, b) => b.l.createdTime - a.l.createdTime || b.i - a.i)
    .map((x) => x.l);
}

type Operator = 'GREATER_THAN' | 'GREATER_THAN_OR_EQUAL' | 'LESS_THAN' | 'LESS_THAN_OR_EQUAL';
const OPERATORS: readonly string[] = [
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
];

function toUnixSeconds(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  // some clients send ISO strings
  if (typeof value === 'string') {
    const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw GraphErrors.invalidParameter(`(#100) Filtering value ${JSON.stringify(value)} is not a valid time`);
}

function applyFiltering(ctx: GraphContext, leads: SimLead[]): SimLead[] {
  if (!ctx.args.has('filtering')) return leads;
  const filtering = ctx.args.json('filtering');
  if (!Array.isArray(filtering))
    throw GraphErrors.invalidParameter('(#100) param filtering must be an array.');
  let out = leads;
  for (const f of filtering as unknown[]) {
    const rule = (f ?? {}) as { field?: unknown; operator?: unknown; value?: unknown };
    if (rule.field !== 'time_created') {
      throw GraphErrors.invalidParameter(`(#100) Filtering field ${String(rule.field)} is invalid for leads`);
    }
    if (typeof rule.operator !== 'string' || !OPERATORS.includes(rule.operator)) {
      throw GraphErrors.invalidParameter(
        `(#100) Filtering operator ${String(rule.operator)} is not supported`,
      );
    }
    const op = rule.operator as Operator;
    const v = toUnixSeconds(rule.value);
    out = out.filter((l) =>
      op === 'GREATER_THAN'
        ? l.createdTime > v
        : op === 'GREATER_THAN_OR_EQUAL'
          ? l.createdTime >= v
          : op === 'LESS_THAN'
            ? l.createdTime < v
            : l.createdTime <= v,
    );
  }
  return out;
}

function reachablePage(ctx: GraphContext, pageId: string, reportedId: string): void {
  if (!canReachPage(ctx.world, ctx.auth, pageId)) throw GraphErrors.unsupported(ctx.method, reportedId);
}

function reachableForm(ctx: GraphContext): SimLeadForm {
  const id = ctx.params.id ?? '';
  const form = ctx.world.leadForms.get(id);
  if (!form) throw GraphErrors.unsupported(ctx.method, id);
  reachablePage(ctx, form.pageId, id);
  return form;
}

function listForms(ctx: GraphContext): unknown {
  const pageId = ctx.params.id ?? '';
  reachablePage(ctx, pageId, pageId);
  // Meta lists forms to a Page token with pages_manage_ads and pages_read_engagement; leads_retrieval
  // alone reads leads, not forms (contracts/marketing.ts)
  requireScope(ctx.auth, 'pages_manage_ads');
  requireScope(ctx.auth, 'pages_read_engagement');
  const forms = [...ctx.world.leadForms.values()].filter((f) => f.pageId === pageId);
  return paginate(ctx, forms, (f) => renderNode(LEAD_FORM_SPEC, f, ctx));
}

function getForm(ctx: GraphContext): unknown {
  const form = reachableForm(ctx);
  requireScope(ctx.auth, 'pages_manage_ads');
  return renderNode(LEAD_FORM_SPEC, form, ctx);
}

function listFormLeads(ctx: GraphContext): unknown {
  const form = reachableForm(ctx);
  requireScope(ctx.auth, 'leads_retrieval');
  const leads = applyFiltering(ctx, newestFirst(leadsOfForm(ctx, form.id)));
  return paginate(ctx, leads, (l) => renderNode(LEAD_SPEC, l, ctx));
}

function listAdLeads(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const ad = ctx.world.ads.get(id);
  if (!ad) throw GraphErrors.unsupported(ctx.method, id);
  reachableAdAccount(ctx, ad.adAccountId, id);
  requireScope(ctx.auth, 'leads_retrieval');
  const leads = applyFiltering(ctx, newestFirst([...ctx.world.leads.values()].filter((l) => l.adId === id)));
  return paginate(ctx, leads, (l) => renderNode(LEAD_SPEC, l, ctx));
}

function getLead(ctx: GraphContext): unknown {
  const id = ctx.params.id ?? '';
  const lead = ctx.world.leads.get(id);
  if (!lead) throw GraphErrors.unsupported(ctx.method, id);
  reachablePage(ctx, lead.pageId, id);
  requireScope(ctx.auth, 'leads_retrieval');
  return renderNode(LEAD_SPEC, lead, ctx);
}

const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');
const isForm = (p: Record<string, string>, w: GraphContext['world']) => w.leadForms.has(p.id ?? '');

export function registerLeadRoutes(r: GraphRouteRegistry): void {
  r.on(MARKETING_CONTRACTS.leadForms, listForms, isPage);
  r.on(MARKETING_CONTRACTS.leadForm, getForm, isForm);
  r.on(MARKETING_CONTRACTS.formLeads, listFormLeads, isForm);
  r.on(MARKETING_CONTRACTS.adLeads, listAdLeads, (p, w) => w.ads.has(p.id ?? ''));
  r.on(MARKETING_CONTRACTS.lead, getLead, (p, w) => w.leads.has(p.id ?? ''));
}
