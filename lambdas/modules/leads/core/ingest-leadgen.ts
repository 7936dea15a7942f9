/**
 * A `leadgen` change from Meta: for every tenant that selected the Page (an agency and the business may
 * both have), fetch the full lead with that tenant's Page token and store it. Each tenant's outcome
 * carries its reason. A token error parks the lead id for later instead of losing it, and so does a
 * refusal no retry can change (the lead deleted, a permission missing): it is parked at once with Meta's
 * reason, never retried. Passing failures are thrown so the queue retries the message.
 */
import * as z from '../../../platform/contracts/zod';
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import type { AssetRoute, LeadConnection, LeadPipelineDeps } from '../ports';
import { leadIdFor } from './lead';
import { storeMetaLead } from './store-lead';
import { tokenRefused } from '../../../platform/core/graph/token-refused';

const id = z.pipe(z.union([z.string(), z.number()]), z.transform(String));

export const LeadgenValue = z.object({
  leadgen_id: id,
  page_id: id,
  form_id: z.optional(id),
  ad_id: z.optional(id),
  adgroup_id: z.optional(id),
  created_time: z.optional(z.number()),
});

export type TenantOutcome =
  | {
      tenantId: string;
      connectionId: string;
      outcome: 'stored' | 'duplicate' | 'announced_late' | 'erased_at_request';
      leadId: string;
    }
  | { tenantId: string; connectionId: string; outcome: 'skipped'; reason: string }
  | { tenantId: string; connectionId: string; outcome: 'pending'; reason: string };

export type LeadgenResult =
  | { outcome: 'invalid'; reason: 'leadgen_value_invalid' }
  | { outcome: 'unrouted'; reason: 'page_not_selected' }
  | { outcome: 'routed'; tenants: TenantOutcome[] };

export async function ingestLeadgen(deps: LeadPipelineDeps, value: unknown): Promise<LeadgenResult> {
  const parsed = LeadgenValue.safeParse(value);
  if (!parsed.success) return { outcome: 'invalid', reason: 'leadgen_value_invalid' };
  const v = parsed.data;
  const routes = (await deps.connections.routesFor(v.page_id)).filter((r) => r.assetType === 'pages');
  if (routes.length === 0) return { outcome: 'unrouted', reason: 'page_not_selected' };
  const tenants: TenantOutcome[] = [];
  for (const route of routes) tenants.push(await forTenant(deps, route, v));
  return { outcome: 'routed', tenants };
}

async function forTenant(
  deps: LeadPipelineDeps,
  route: AssetRoute,
  v: z.output<typeof LeadgenValue>,
): Promise<TenantOutcome> {
  const who = { tenantId: route.tenantId, connectionId: route.connectionId };
  const connection = await deps.connections.get(route.tenantId, route.connectionId);
  // a purged connection gets no new items: its Page health would outlive the purge
  if (!connection) return { ...who, outcome: 'skipped', reason: 'connection_gone' };
  await deps.syncState.updatePageHealth(route.tenantId, route.connectionId, v.page_id, {
    lastDeliveryAt: deps.clock.now().toISOString(),
  });
  if (
    v.form_id &&
    connection.selection.leadForms.length > 0 &&
    !connection.selection.leadForms.includes(v.form_id)
  ) {
    return { ...who, outcome: 'skipped', reason: 'form_not_selected' };
  }
  const existing = await deps.leads.get(route.tenantId, leadIdFor(v.leadgen_id));
  if (existing?.eventPublished) {
    deps.metrics.count('leadDuplicates', { Source: 'webhook' });
    return { ...who, outcome: 'duplicate', leadId: existing.id };
  }
  if (connection.status === 'expired' || connection.status === 'revoked' || !connection.userTokenCiphertext) {
    return park(deps, connection, v, `connection_${connection.status}`);
  }
  const ciphertext = await deps.connections.pageToken(route.tenantId, route.connectionId, v.page_id);
  if (!ciphertext) return park(deps, connection, v, 'page_token_missing');
  const token = await deps.vault.decrypt(ciphertext, who);
  try {
    const meta = await deps.graph.getLead(v.leadgen_id, token);
    const stored = await storeMetaLead(deps, connection, meta, {
      pageId: v.page_id,
      formId: v.form_id ?? null,
      source: 'webhook',
    });
    // a pending record exists only if an earlier fetch failed, and then this one is the first store
    if (stored.created) await deps.leads.deletePending(route.tenantId, v.leadgen_id);
    return { ...who, outcome: stored.reason, leadId: stored.leadId };
  } catch (err) {
    const reason = await tokenRefused(deps, connection, err, 'system:lead-fetch');
    if (reason) return park(deps, connection, v, `token_${reason}`);
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      if (cls.category === 'invalid' || cls.category === 'permission')
        return park(deps, connection, v, `meta_refused_${cls.reason}`);
    }
    throw err;
  }
}

async function park(
  deps: Pick<LeadPipelineDeps, 'leads' | 'clock'>,
  c: LeadConnection,
  v: z.output<typeof LeadgenValue>,
  reason: string,
): Promise<TenantOutcome> {
  await deps.leads.savePending({
    tenantId: c.tenantId,
    connectionId: c.connectionId,
    leadgenId: v.leadgen_id,
    formId: v.form_id ?? null,
    pageId: v.page_id,
    reason,
    firstSeenAt: deps.clock.now().toISOString(),
  });
  return { tenantId: c.tenantId, connectionId: c.connectionId, outcome: 'pending', reason };
}
