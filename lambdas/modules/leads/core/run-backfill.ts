/**
 * A backfill a person asked for through the API (manage-leads.ts requestBackfill queued it): the form's
 * leads since then are read from Meta and the missing ones stored, and the audit log says what was
 * found. A connection purged since the request was queued is skipped: there is no token to read with.
 */
import type { LeadBackfillRequest } from '../contracts/commands';
import type { LeadPipelineDeps } from '../ports';
import { syncFormLeads, type FormSyncResult } from './sync-form-leads';
import { recordAudit } from '../../../platform/core/record-audit';

export type BackfillOutcome =
  | { outcome: 'skipped'; reason: 'connection_gone' }
  | { outcome: 'synced'; reason: FormSyncResult['outcome']; result: FormSyncResult };

export async function runBackfill(
  deps: LeadPipelineDeps,
  req: LeadBackfillRequest,
): Promise<BackfillOutcome> {
  const connection = await deps.connections.get(req.tenantId, req.connectionId);
  if (!connection) return { outcome: 'skipped', reason: 'connection_gone' };
  const result = await syncFormLeads(deps, connection, req, new Date(req.since), 'backfill');
  await recordAudit(deps, {
    tenantId: req.tenantId,
    actor: req.requestedBy,
    action: 'leads.backfill',
    target: `form:${req.formId}`,
    result: result.outcome === 'ok' ? 'success' : 'failure',
    reason: result.outcome,
    details: {
      requestId: req.requestId,
      fetched: result.fetched,
      stored: result.stored,
      alreadyKnown: result.alreadyKnown,
    },
  });
  return { outcome: 'synced', reason: result.outcome, result };
}
