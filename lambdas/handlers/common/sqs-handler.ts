/**
 * SQS workers report partial batch failures: a record that throws is retried by SQS (and reaches the
 * DLQ after maxReceiveCount); the others are deleted. Records are EventBridge envelopes.
 */
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { AppDependencies } from './dependencies';

export const EventBridgeEnvelope = z.object({
  id: z.string().optional(),
  'detail-type': z.string(),
  source: z.string(),
  time: z.string().optional(),
  detail: z.unknown(),
});

export type Envelope = z.output<typeof EventBridgeEnvelope>;

/** `context` lets a long job (a purge) stop within the function's time budget and re-queue the rest. */
export type RecordHandler = (envelope: Envelope, record: SQSRecord, context?: Context) => Promise<void>;

export type SqsLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export function sqsHandler(deps: AppDependencies, name: string, handle: RecordHandler) {
  return sqsBatchHandler(deps, name, () => handle);
}

/** Like {@link sqsHandler}, with a record handler made for each batch (what the batch's records share). */
export function sqsBatchHandler(deps: AppDependencies, name: string, forBatch: () => RecordHandler) {
  const base = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const handle = forBatch();
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        let envelope: Envelope;
        try {
          envelope = EventBridgeEnvelope.parse(JSON.parse(record.body));
        } catch {
          // retrying a message we cannot read cannot help: let it go to the DLQ at once is not possible,
          // so fail it and let maxReceiveCount carry it there for a person to look at
          deps.logger.error('unreadable queue message', { worker: name, messageId: record.messageId });
          failures.push({ itemIdentifier: record.messageId });
          return;
        }
        try {
          await handle(envelope, record, context);
        } catch (err) {
          deps.logger.warn('queue message failed', {
            worker: name,
            messageId: record.messageId,
            detailType: envelope['detail-type'],
            receiveCount: record.attributes?.ApproximateReceiveCount,
            errorName: err instanceof Error ? err.name : typeof err,
            error: err instanceof Error ? err.message.slice(0, 300) : undefined,
          });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  };
  return middy(base) as unknown as SqsLambda;
}
