/**
 * Inbox worker: every comment, message, echo, status and watermark Meta sends (routed to each tenant
 * that selected the asset), and the sends of approved replies. Redelivery never stores or sends twice.
 */
import * as z from 'zod';
import { ingestInbox } from '../../core/inbox/ingest-inbox';
import { sendReply } from '../../core/inbox/send-reply';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { sqsHandler } from '../../platform/handlers/sqs-handler';
import { queueByName, REPLY_SEND_REQUESTED } from '../../app/topology';

const IngestDetail = z.object({
  deliveryId: z.string(),
  object: z.string(),
  entryId: z.string(),
  entryTimeMs: z.number().nullable().default(null),
  field: z.string(),
  value: z.unknown(),
});

const SendCommand = z.object({
  tenantId: z.string().min(1),
  replyId: z.string().regex(/^rpl_[0-9a-z]{26}$/),
});

export function createHandler(deps: AppDependencies) {
  return sqsHandler(deps, queueByName('inbox'), async (envelope) => {
    if (envelope['detail-type'] === REPLY_SEND_REQUESTED) {
      const cmd = SendCommand.parse(envelope.detail);
      const result = await sendReply(deps.inbox, cmd);
      deps.logger.info('inbox reply', { replyId: cmd.replyId, ...result });
      return;
    }
    const detail = IngestDetail.parse(envelope.detail);
    const result = await ingestInbox(deps.inbox, detail);
    // ids, channels and reasons only: never a message text or a contact's name
    deps.logger.info('inbox change processed', {
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
}

export const handler = lazyHandler(createHandler);
