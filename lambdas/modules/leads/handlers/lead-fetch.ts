/** Lead worker: one `leadgen` change → the full lead for every tenant that selected the Page; backfills. */
import { lazyHandler } from '../../../handlers/common/aws-dependencies';
import type { AppDependencies } from '../../../handlers/common/dependencies';
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { IngestEvent } from '../../webhooks/contracts';
import { LeadBackfillRequested, LeadStatusFeedbackRequested } from '../contracts';
import { withBatchScope } from '../core/batch-scope';
import { ingestLeadgen } from '../core/ingest-leadgen';
import { runBackfill } from '../core/run-backfill';
import { sendStatusFeedback } from '../core/status-feedback';
import { LEAD_FETCH_QUEUE } from '../module';

export function createHandler(deps: AppDependencies) {
  const lp = deps.leads.pipeline;
  return sqsBatchHandler(deps, LEAD_FETCH_QUEUE, () => {
    const pipeline = withBatchScope(lp);
    return async (envelope) => {
      if (envelope['detail-type'] === LeadBackfillRequested.detailType) {
        const result = await runBackfill(lp, LeadBackfillRequested.schema.parse(envelope.detail));
        deps.logger.info('lead backfill', { outcome: result.outcome, reason: result.reason });
        return;
      }
      if (envelope['detail-type'] === LeadStatusFeedbackRequested.detailType) {
        const cmd = LeadStatusFeedbackRequested.schema.parse(envelope.detail);
        const result = await sendStatusFeedback(lp, cmd);
        deps.logger.info('lead status feedback', { leadId: cmd.leadId, ...result });
        return;
      }
      const detail = IngestEvent.parse(envelope.detail);
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
