/**
 * Reads a form's leads from Meta since a point in time and stores the ones we do not have. Used by the
 * backfill a person asks for and by the scheduled reconciliation, so a delivery Meta never sent (or
 * stopped retrying) is healed without anyone noticing it was missing.
 */
import type { LeadConnection, LeadPipelineDeps } from '../ports';
import { leadIdFor, type LeadRecord } from './lead';
import { storeMetaLead } from './store-lead';
import { tokenRefused } from '../../../platform/core/graph/token-refused';

export interface FormSyncResult {
  formId: string;
  pageId: string;
  fetched: number;
  stored: number;
  alreadyKnown: number;
  /** the newest lead time seen, for the next run's watermark */
  newest: string | null;
  outcome: 'ok' | 'token_invalid' | 'connection_not_active' | 'page_token_missing';
}

export async function syncFormLeads(
  deps: LeadPipelineDeps,
  connection: LeadConnection,
  form: { formId: string; pageId: string },
  since: Date,
  source: LeadRecord['source'],
): Promise<FormSyncResult> {
  const result: FormSyncResult = {
    ...form,
    fetched: 0,
    stored: 0,
    alreadyKnown: 0,
    newest: null,
    outcome: 'ok',
  };
  if (connection.status === 'expired' || connection.status === 'revoked' || !connection.userTokenCiphertext) {
    return { ...result, outcome: 'connection_not_active' };
  }
  const ctx = { tenantId: connection.tenantId, connectionId: connection.connectionId };
  const ciphertext = await deps.connections.pageToken(ctx.tenantId, ctx.connectionId, form.pageId);
  if (!ciphertext) return { ...result, outcome: 'page_token_missing' };
  const token = await deps.vault.decrypt(ciphertext, ctx);
  let leads;
  try {
    leads = await deps.graph.listFormLeads(form.formId, token, since);
  } catch (err) {
    if (await tokenRefused(deps, connection, err, `system:${source}`))
      return { ...result, outcome: 'token_invalid' };
    throw err;
  }
  result.fetched = leads.length;
  for (const meta of leads) {
    const iso = meta.createdTime.toISOString();
    if (!result.newest || iso > result.newest) result.newest = iso;
    const known = await deps.leads.get(ctx.tenantId, leadIdFor(meta.id));
    if (known?.eventPublished) {
      result.alreadyKnown++;
      continue;
    }
    const out = await storeMetaLead(deps, connection, meta, {
      pageId: form.pageId,
      formId: form.formId,
      source,
    });
    if (out.created) result.stored++;
    else result.alreadyKnown++;
    await deps.leads.deletePending(ctx.tenantId, meta.id);
  }
  return result;
}
