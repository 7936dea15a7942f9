/** Lead worker: one `leadgen` change → the full lead for every tenant that selected the Page; backfills. */
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
import { IngestEvent } from '../../webhooks/contracts';
import { LeadBackfillRequested, LeadStatusFeedbackRequested } from '../contracts';
import { withBatchScope } from '../core/batch-scope';
import { ingestLeadgen } from '../core/ingest-leadgen';
import { runBackfill } from '../core/run-backfill';
import { sendStatusFeedback } from '../core/status-feedback';
import { LEAD_FETCH_QUEUE } from '../module';
import { awsLeadPipelineRuntime, leadPipelineFromRuntime, type LeadPipelineRuntime } from '../wiring';

export function createHandler(rt: LeadPipelineRuntime) {
  const lp = leadPipelineFromRuntime(rt);
  return sqsBatchHandler(rt, LEAD_FETCH_QUEUE, () => {
    const pipeline = withBatchScope(lp);
    return async (envelope) => {
      if (envelope['detail-type'] === LeadBackfillRequested.detailType) {
        const result = await runBackfill(lp, LeadBackfillRequested.schema.parse(envelope.detail));
        rt.logger.info('lead backfill', { outcome: result.outcome, reason: result.reason });
        return;
      }
      if (envelope['detail-type'] === LeadStatusFeedbackRequested.detailType) {
        const cmd = LeadStatusFeedbackRequested.schema.parse(envelope.detail);
        const result = await sendStatusFeedback(lp, cmd);
        rt.logger.info('lead status feedback', { leadId: cmd.leadId, ...result });
        return;
      }
      const detail = IngestEvent.parse(envelope.detail);
      const result = await ingestLeadgen(pipeline, detail.value);
      rt.logger.info('leadgen processed', {
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

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsLeadPipelineRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
