/**
 * SQS workers report partial batch failures through Powertools' batch processor: the records that
 * succeed are deleted, the failed ones stay. Each failure is decided (platform/core/retries/message-retry.ts) and
 * applied to its own message before the batch answers: a retryable one comes back after its queue's
 * next backoff step, a permanent one heads for the DLQ at once, one that met a paused Graph API is held
 * until the pause ends. Records are EventBridge envelopes.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from '../contracts/zod';
import {
  decideBeforeRun,
  decideMessageRetry,
  type MessageRetryDecision,
} from '../core/retries/message-retry';
import { SqsMessageRetry, deliveryOf } from '../adapters/queue/message-retry';
import { retryScheduleOf, type QueueSpec } from '../contracts/topology';
import type { QueueConfig, Runtime } from '../wiring/runtime';
import { observed } from './telemetry';

export const EventBridgeEnvelope = z.object({
  id: z.optional(z.string()),
  'detail-type': z.string(),
  source: z.string(),
  time: z.optional(z.string()),
  detail: z.unknown(),
});

export type Envelope = z.output<typeof EventBridgeEnvelope>;

/** `context` lets a long job (a purge) stop within the function's time budget and re-queue the rest. */
export type RecordHandler = (envelope: Envelope, record: SQSRecord, context?: Context) => Promise<void>;

export type SqsLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export { deliveryOf };

/** Thrown to the batch processor so it lists the record in `batchItemFailures`. */
class MessageFailed extends Error {
  constructor(readonly decision: MessageRetryDecision) {
    super(`message failed: ${decision.action} (${decision.reason}, ${decision.cause})`);
    this.name = 'MessageFailed';
  }
}

/** What a worker needs to time its failed messages: its queue's URL and an SQS client. */
export type SqsHandlerDeps = Runtime<QueueConfig, 'sqs'>;

/** @param spec the topology queue the worker drains: its schedule and URL */
export function sqsHandler(deps: SqsHandlerDeps, spec: QueueSpec, handle: RecordHandler) {
  return sqsBatchHandler(deps, spec, () => handle);
}

/** Like {@link sqsHandler}, with a record handler made for each batch (what the batch's records share). */
export function sqsBatchHandler(deps: SqsHandlerDeps, spec: QueueSpec, forBatch: () => RecordHandler) {
  const queue = spec.name;
  const schedule = retryScheduleOf(spec);
  const queueUrl = deps.config.queueUrls[queue];
  const messages = queueUrl ? new SqsMessageRetry(deps.clients.sqs, queueUrl) : null;
  const timeScale = deps.config.retryTimeScale ?? 1;
  const log = deps.logger;

  /** Puts the decision into effect; true when the message is done with (a held copy replaces it). */
  const apply = async (record: SQSRecord, decision: MessageRetryDecision): Promise<boolean> => {
    if (!messages) {
      // without its queue's URL the worker cannot time the retry: the visibility timeout does
      log.error('queue URL unknown: the message returns after the visibility timeout', { worker: queue });
      return false;
    }
    const nowMs = deps.clock.now().getTime();
    try {
      if (decision.action === 'hold') {
        await messages.hold(record, decision.delaySeconds, nowMs);
        return true;
      }
      if (decision.action === 'dead_letter' && decision.via === 'mark') {
        await messages.markForDeadLetter(record, decision.cause, nowMs);
        return true;
      }
      await messages.delay(record, decision.delaySeconds);
    } catch (err) {
      log.warn('could not time the retry: the message returns after the visibility timeout', {
        worker: queue,
        messageId: record.messageId,
        error: err instanceof Error ? err.message.slice(0, 200) : undefined,
      });
    }
    return false;
  };

  const failed = async (record: SQSRecord, err: unknown, detailType?: string) => {
    const decision = decideMessageRetry(err, {
      schedule,
      delivery: deliveryOf(record),
      nowMs: deps.clock.now().getTime(),
      timeScale,
    });
    const info = {
      worker: queue,
      messageId: record.messageId,
      detailType,
      ...decision,
      errorName: err instanceof Error ? err.name : typeof err,
      error: err instanceof Error ? err.message.slice(0, 300) : undefined,
    };
    deps.telemetry.metrics.count('queueMessageFailures', { Queue: queue, Action: decision.action });
    if (decision.action === 'dead_letter') log.error('queue message goes to the DLQ', info);
    else log.warn('queue message failed', info);
    if (await apply(record, decision)) return;
    throw new MessageFailed(decision);
  };

  const base = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const handle = forBatch();
    const processRecord = async (record: SQSRecord) => {
      const marked = decideBeforeRun(deliveryOf(record), deps.clock.now().getTime());
      if (marked) {
        // found unrunnable a moment ago: only its receives are spent, until SQS moves it to the DLQ
        await apply(record, marked);
        throw new MessageFailed(marked);
      }
      let envelope: Envelope;
      try {
        envelope = EventBridgeEnvelope.parse(JSON.parse(record.body));
      } catch (err) {
        return failed(record, err);
      }
      try {
        await handle(envelope, record, context);
      } catch (err) {
        await failed(record, err, envelope['detail-type']);
      }
    };
    // a processor per batch: it keeps the batch's state, and locally several batches run at once
    return processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), {
      context: context as Context,
      // a batch whose every message failed is still a partial response: each already has its timing
      throwOnFullBatchFailure: false,
    });
  };
  return observed(middy(base), deps) as unknown as SqsLambda;
}
