/**
 * Inbox worker: every comment, message, echo, status and watermark Meta sends (routed to each tenant
 * that selected the asset), and the sends of approved replies. Redelivery never stores or sends twice.
 */
import { byDetailType, onDetail } from '../../../platform/handlers/by-detail-type';
import { sqsBatchHandler } from '../../../platform/handlers/sqs-handler';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { IngestEvent } from '../../webhooks/contracts';
import { ReplySendRequested } from '../contracts/commands';
import { withBatchScope } from '../core/batch-scope';
import { ingestInbox } from '../core/ingest-inbox';
import { sendReply } from '../core/send-reply';
import { INBOX_QUEUE } from '../module';
import { awsInboxWorkerRuntime, inboxPipelineFromRuntime, type InboxWorkerRuntime } from '../wiring/pipeline';

export function createHandler(rt: InboxWorkerRuntime) {
  const deps = inboxPipelineFromRuntime(rt);
  return sqsBatchHandler(rt, INBOX_QUEUE, () => {
    const batch = withBatchScope(deps);
    const reply = onDetail(ReplySendRequested, async (cmd) => {
      // the send reads the connection afresh: one revoked a moment ago must not act
      const result = await sendReply(deps, cmd);
      rt.logger.info('inbox reply', { replyId: cmd.replyId, ...result });
    });
    return byDetailType([reply], async (envelope) => {
      const detail = IngestEvent.parse(envelope.detail);
      const result = await ingestInbox(batch, detail);
      // ids, channels and reasons only: never a message text or a contact's name
      rt.logger.info('inbox change processed', {
        deliveryId: detail.deliveryId,
        field: `${detail.object}.${detail.field}`,
        ignored: result.ignored,
        events: result.events.map((e) => ({
          type: e.type,
          channel: e.channel,
          outcome: e.outcome,
          reason: e.reason,
          tenants: e.tenants.map((t) => ({ tenantId: t.tenantId, outcome: t.outcome, reason: t.reason })),
        })),
      });
    });
  });
}

export const { awsRuntime, handler } = lambdaExports(awsInboxWorkerRuntime, createHandler);
