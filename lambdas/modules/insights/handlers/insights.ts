/** Insights worker: runs a requested backfill once (a duplicate delivery finds it running or done). */
import { sqsHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { InsightsBackfillRequested } from '../contracts/commands';
import { runBackfill } from '../core/backfill-insights';
import { INSIGHTS_QUEUE } from '../queue';
import { awsInsightsWorkerRuntime, insightsFromRuntime, type InsightsWorkerRuntime } from '../wiring/sync';

export function createHandler(rt: InsightsWorkerRuntime) {
  const deps = insightsFromRuntime(rt);
  return sqsHandler(rt, INSIGHTS_QUEUE, async (envelope) => {
    const job = InsightsBackfillRequested.schema.parse(envelope.detail);
    const done = await runBackfill(deps, job.tenantId, job.requestId);
    rt.logger.info('insights backfill', {
      requestId: job.requestId,
      outcome: done.outcome,
      ...(done.outcome === 'completed' ? done.record.summary : { reason: done.reason }),
    });
  });
}

export const { awsRuntime, handler } = lambdaExports(awsInsightsWorkerRuntime, createHandler);
