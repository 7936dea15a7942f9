/** Lead worker: one `leadgen` change → the full lead for every tenant that selected the Page; backfills. */
import { z } from 'zod';
import { ingestLeadgen } from '../core/ingest-leadgen';
import { syncFormLeads } from '../core/sync-form-leads';
import { lazyHandler } from '../../../handlers/common/aws-dependencies';
import type { AppDependencies } from '../../../handlers/common/dependencies';
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { withBatchScope } from '../core/batch-scope';
import { LEAD_BACKFILL_REQUESTED, LEAD_STATUS_FEEDBACK_REQUESTED, queueByName } from '../../../app/topology';
import { sendStatusFeedback, StatusFeedbackCommand } from '../core/status-feedback';

const IngestDetail = z.object({
  deliveryId: z.string(),
  object: z.string(),
  field: z.string(),
  value: z.unknown(),
});

export const BackfillRequest = z.object({
  tenantId: z.string(),
  connectionId: z.string(),
  formId: z.string(),
  pageId: z.string(),
  since: z.string(),
  requestedBy: z.string(),
  requestId: z.string(),
});

export function createHandler(deps: AppDependencies) {
  return sqsBatchHandler(deps, queueByName('lead-fetch'), () => {
    const pipeline = withBatchScope(deps.leadPipeline);
    return async (envelope) => {
      if (envelope['detail-type'] === LEAD_BACKFILL_REQUESTED) {
        const req = BackfillRequest.parse(envelope.detail);
        const connection = await deps.connections.get(req.tenantId, req.connectionId);
        if (!connection) return;
        const result = await syncFormLeads(
          deps.leadPipeline,
          connection,
          req,
          new Date(req.since),
          'backfill',
        );
        await deps.audit.record({
          tenantId: req.tenantId,
          id: deps.ids.next('aud'),
          at: deps.clock.now().toISOString(),
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
        return;
      }
      if (envelope['detail-type'] === LEAD_STATUS_FEEDBACK_REQUESTED) {
        const cmd = StatusFeedbackCommand.parse(envelope.detail);
        const result = await sendStatusFeedback({ ...deps.leadPipeline, settings: deps.settings }, cmd);
        deps.logger.info('lead status feedback', { leadId: cmd.leadId, ...result });
        return;
      }
      const detail = IngestDetail.parse(envelope.detail);
      const result = await ingestLeadgen(pipeline, detail.value);
      deps.logger.info('leadgen processed', {
        deliveryId: detail.deliveryId,
        outcome: result.outcome,
        tenants:
          result.outcome === 'routed'
            ? result.tenants.map((t) => ({
                tenantId: t.tenantId,
                outcome: t.outcome,
                reason: 'reason' in t ? t.reason : undefined,
              }))
            : undefined,
        reason: 'reason' in result ? result.reason : undefined,
      });
    };
  });
}

export const handler = lazyHandler(createHandler);
