/**
 * Lead status feedback: when the sales team moves a lead to a CRM stage the tenant mapped, Meta is told
 * through the Conversions API for CRM (a system-generated event carrying the lead id), so lead ads can
 * optimize for leads that convert. Sent by the lead worker, retried by the queue, audited.
 */
import { createHash } from 'node:crypto';
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import type { StatusFeedbackCommand } from '../contracts/commands';
import { LEAD_STATUS_MAPPING_KEY, type LeadStatusMapping } from '../contracts/status-mapping';
import type { LeadPipelineDeps } from '../ports';
import { recordAudit } from '../../../platform/core/record-audit';

/** Meta drops events older than 7 days: a feedback that waited longer is reported, not sent. */
const MAX_EVENT_AGE_S = 7 * 86_400;

export type FeedbackDecision =
  { send: true; eventName: string; reason: 'stage_mapped' } | { send: false; reason: string };

export function decideFeedback(mapping: LeadStatusMapping | undefined, status: string): FeedbackDecision {
  if (!mapping) return { send: false, reason: 'no_mapping_configured' };
  // own keys only: a status named like an Object.prototype member is not a mapped stage
  const eventName = Object.hasOwn(mapping.stages, status) ? mapping.stages[status] : undefined;
  if (!eventName) return { send: false, reason: 'status_not_mapped' };
  return { send: true, eventName, reason: 'stage_mapped' };
}

export async function sendStatusFeedback(
  deps: Pick<LeadPipelineDeps, 'settings' | 'audit' | 'ids' | 'clock' | 'connections' | 'vault' | 'graph'>,
  cmd: StatusFeedbackCommand,
): Promise<{ outcome: 'sent' | 'skipped' | 'failed'; reason: string }> {
  const mapping = await deps.settings.get<LeadStatusMapping>(cmd.tenantId, LEAD_STATUS_MAPPING_KEY);
  const decision = decideFeedback(mapping, cmd.status);
  const audit = (result: 'success' | 'failure', reason: string, details: Record<string, unknown> = {}) =>
    recordAudit(deps, {
      tenantId: cmd.tenantId,
      actor: cmd.actor,
      action: 'lead.status-feedback',
      target: `lead:${cmd.leadId}`,
      result,
      reason,
      details: { status: cmd.status, ...details },
    });
  if (!decision.send || !mapping) return { outcome: 'skipped', reason: decision.reason };
  const eventTime = Math.floor(Date.parse(cmd.changedAt) / 1000);
  if (deps.clock.now().getTime() / 1000 - eventTime > MAX_EVENT_AGE_S) {
    await audit('failure', 'event_too_old');
    return { outcome: 'failed', reason: 'event_too_old' };
  }
  const connection = await deps.connections.get(cmd.tenantId, cmd.connectionId);
  if (
    !connection?.userTokenCiphertext ||
    connection.status === 'expired' ||
    connection.status === 'revoked'
  ) {
    await audit('failure', 'connection_not_active');
    return { outcome: 'failed', reason: 'connection_not_active' };
  }
  const token = await deps.vault.decrypt(connection.userTokenCiphertext, {
    tenantId: cmd.tenantId,
    connectionId: cmd.connectionId,
  });
  try {
    await deps.graph.sendConversionEvents(mapping.datasetId, token, [
      {
        eventName: decision.eventName,
        eventTime,
        // the same lead reaching the same stage twice is one event for Meta
        eventId: createHash('sha256')
          .update(`${cmd.leadgenId}:${decision.eventName}`)
          .digest('hex')
          .slice(0, 32),
        leadId: cmd.leadgenId,
        crmName: mapping.crmName,
      },
    ]);
  } catch (err) {
    if (err instanceof MetaGraphError) {
      const cls = classifyGraphError(err.httpStatus, err.body);
      if (cls.category === 'invalid' || cls.category === 'permission' || cls.category === 'token') {
        await audit('failure', cls.reason, { eventName: decision.eventName });
        return { outcome: 'failed', reason: cls.reason };
      }
    }
    throw err;
  }
  await audit('success', 'sent', { eventName: decision.eventName, datasetId: mapping.datasetId });
  return { outcome: 'sent', reason: 'stage_mapped' };
}
