/** Lead worker: one `leadgen` change → the full lead for every tenant that selected the Page; backfills. */
import { byDetailType, onDetail } from '../../../platform/handlers/by-detail-type';
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
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
    const backfill = onDetail(LeadBackfillRequested, async (cmd) => {
      const result = await runBackfill(lp, cmd);
      rt.logger.info('lead backfill', { outcome: result.outcome, reason: result.reason });
    });
    const feedback = onDetail(LeadStatusFeedbackRequested, async (cmd) => {
      const result = await sendStatusFeedback(lp, cmd);
      rt.logger.info('lead status feedback', { leadId: cmd.leadId, ...result });
    });
    return byDetailType([backfill, feedback], async (envelope) => {
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
    });
  });
}

export const { awsRuntime, handler } = lambdaExports(awsLeadPipelineRuntime, createHandler);
