/**
 * Scheduled reconciliation: for every selected form (or every form of a selected Page when the tenant
 * picked none), read Meta's leads since the form's watermark and store what no webhook brought. Meta
 * stops retrying a delivery after about 36 hours; this runs every 15 minutes, so a lost lead is healed
 * long before that. Each form's result is kept on the connection's Page health.
 */
import type { AssetRoute, LeadPipelineDeps } from '../ports';
import { syncFormLeads, type FormSyncResult } from './sync-form-leads';

/** Re-read a little before the watermark: Meta's clock and ours differ, and a lead may land late. */
export const RECONCILE_OVERLAP_MS = 10 * 60_000;
/** Look-back on a form's first run. */
export const FIRST_RUN_LOOKBACK_MS = 48 * 3_600_000;

export interface ReconcileSummary {
  connections: number;
  forms: FormSyncResult[];
  errors: Array<{ tenantId: string; connectionId: string; formId: string; error: string }>;
}

export async function reconcileLeads(deps: LeadPipelineDeps): Promise<ReconcileSummary> {
  const pages = await deps.connections.selectedPages();
  const byConnection = new Map<string, AssetRoute[]>();
  for (const r of pages) {
    const key = `${r.tenantId} ${r.connectionId}`;
    byConnection.set(key, [...(byConnection.get(key) ?? []), r]);
  }
  const summary: ReconcileSummary = { connections: byConnection.size, forms: [], errors: [] };
  const now = deps.clock.now();
  for (const routes of byConnection.values()) {
    const { tenantId, connectionId } = routes[0]!;
    const connection = await deps.connections.get(tenantId, connectionId);
    if (!connection) continue;
    const leadForms = await deps.connections.leadForms(tenantId, connectionId);
    if (!leadForms) continue;
    const selectedPages = new Set(routes.map((r) => r.assetId));
    const forms = leadForms.filter((f) =>
      connection.selection.leadForms.length > 0
        ? connection.selection.leadForms.includes(f.id)
        : selectedPages.has(f.pageId),
    );
    for (const form of forms) {
      const key = `leads#${form.id}`;
      const watermark = await deps.syncState.getWatermark(tenantId, connectionId, key);
      const since = watermark
        ? new Date(Date.parse(watermark) - RECONCILE_OVERLAP_MS)
        : new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS);
      try {
        const result = await syncFormLeads(
          deps,
          connection,
          { formId: form.id, pageId: form.pageId },
          since,
          'reconciliation',
        );
        summary.forms.push(result);
        if (result.newest && (!watermark || result.newest > watermark)) {
          await deps.syncState.saveWatermark(tenantId, connectionId, key, result.newest);
        }
        await deps.syncState.updatePageHealth(tenantId, connectionId, form.pageId, {
          lastReconciliation: {
            at: now.toISOString(),
            outcome: result.outcome,
            fetched: result.fetched,
            stored: result.stored,
          },
        });
      } catch (err) {
        // one throttled form must not stop the others; the next run starts from the same watermark
        const error = err instanceof Error ? err.name : 'error';
        summary.errors.push({ tenantId, connectionId, formId: form.id, error });
        await deps.syncState.updatePageHealth(tenantId, connectionId, form.pageId, {
          lastReconciliation: { at: now.toISOString(), outcome: `failed_${error}`, fetched: 0, stored: 0 },
        });
      }
    }
  }
  return summary;
}
