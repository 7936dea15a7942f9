import type { LocalRuntimeFixture } from './local-runtime';
import { eventually, simJson } from './meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

export const SAMPLE_FIELDS = {
  full_name: 'Ana Lima',
  email: 'ana.lima@example.test',
  phone_number: '+351900000001',
  budget_range: '10k-20k',
};

export async function simLead(
  rt: LocalRuntimeFixture,
  o: {
    pageId?: string;
    formId?: string;
    adId?: string;
    deliver?: boolean;
    fieldData?: Record<string, string>;
  } = {},
): Promise<{ leadgenId: string; deliveryStatus?: number }> {
  const res = await simJson(rt, '/_sim/leads', {
    body: {
      pageId: o.pageId ?? W.bakeryPageId,
      formId: o.formId ?? W.bakeryLeadFormId,
      ...(o.adId ? { adId: o.adId } : {}),
      fieldData: o.fieldData ?? SAMPLE_FIELDS,
      deliver: o.deliver ?? true,
    },
  });
  if (res.status !== 200) throw new Error(`sim lead: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export function leadgenEnvelope(
  leads: Array<{ leadgenId: string; pageId?: string; formId?: string; adId?: string }>,
) {
  const now = Math.floor(Date.now() / 1000);
  const byPage = new Map<string, unknown[]>();
  for (const l of leads) {
    const pageId = l.pageId ?? W.bakeryPageId;
    const change = {
      field: 'leadgen',
      value: {
        leadgen_id: l.leadgenId,
        page_id: pageId,
        form_id: l.formId ?? W.bakeryLeadFormId,
        ...(l.adId ? { ad_id: l.adId, adgroup_id: l.adId } : {}),
        created_time: now,
      },
    };
    byPage.set(pageId, [...(byPage.get(pageId) ?? []), change]);
  }
  return { object: 'page', entry: [...byPage].map(([id, changes]) => ({ id, time: now, changes })) };
}

export async function deliver(
  rt: LocalRuntimeFixture,
  payload: unknown,
): Promise<{ status: number; body?: unknown }> {
  const res = await simJson(rt, '/_sim/webhooks', { body: payload });
  return res.json;
}

export async function leadsOf(rt: LocalRuntimeFixture, tenantId: string, query = ''): Promise<any[]> {
  const api = rt.api({ token: await rt.token(tenantId) });
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '';
    const res: any = await api.get(
      `/api/v1/leads?limit=200${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    if (res.status !== 200) throw new Error(`GET /leads ${res.status} ${res.text}`);
    items.push(...res.json.items);
    cursor = res.json.nextCursor;
  } while (cursor);
  return items;
}

/** Polls the tenant's leads until `pick` finds what the test waits for. */
function waitOnLeads<T>(
  rt: LocalRuntimeFixture,
  tenantId: string,
  pick: (leads: any[]) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  return eventually(async () => pick(await leadsOf(rt, tenantId)), timeoutMs, 150);
}

/** Waits for one lead by its leadgen id (other tests' leads do not count). */
export const waitForLead = (
  rt: LocalRuntimeFixture,
  tenantId: string,
  leadgenId: string,
  timeoutMs = 30_000,
) => waitOnLeads(rt, tenantId, (leads) => leads.find((l) => l.leadgenId === leadgenId), timeoutMs);

export const waitForLeads = (rt: LocalRuntimeFixture, tenantId: string, count: number, timeoutMs = 30_000) =>
  waitOnLeads(rt, tenantId, (leads) => (leads.length >= count ? leads : undefined), timeoutMs);
