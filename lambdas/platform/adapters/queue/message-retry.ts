/**
 * Applies a worker's retry decision to the message it received, through the SQS API (the same calls
 * locally against fauxqs). A failed message reported in `batchItemFailures` is left alone by Lambda
 * until its visibility timeout ends
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html), so setting that
 * message's visibility
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html)
 * decides when it comes back. A copy sent back to the queue (a hold, a dead-letter mark) carries what
 * the next worker must know in message attributes; the DLQ itself is only ever reached through the
 * queue's redrive policy, so its messages can be redriven to their source.
 */
import {
  ChangeMessageVisibilityCommand,
  SendMessageCommand,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { MessageDelivery } from '../../core/retries/message-retry';

/** Message attributes of a copy (SQS allows ten per message). */
export const HELD_SINCE_ATTRIBUTE = 'retry-held-since';
export const DEAD_LETTER_REASON_ATTRIBUTE = 'dead-letter-reason';
export const DEAD_LETTER_AT_ATTRIBUTE = 'dead-letter-at';
const OURS = new Set([HELD_SINCE_ATTRIBUTE, DEAD_LETTER_REASON_ATTRIBUTE, DEAD_LETTER_AT_ATTRIBUTE]);

/** What SQS and earlier copies say about this delivery. */
export function deliveryOf(record: SQSRecord): MessageDelivery {
  const attrs = record.messageAttributes ?? {};
  const num = (name: string) => {
    const raw = attrs[name]?.stringValue;
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
  };
  const receives = Number(record.attributes?.ApproximateReceiveCount);
  const reason = attrs[DEAD_LETTER_REASON_ATTRIBUTE]?.stringValue;
  const markedAt = num(DEAD_LETTER_AT_ATTRIBUTE);
  return {
    receiveCount: Number.isFinite(receives) && receives >= 1 ? Math.floor(receives) : 1,
    heldSinceMs: num(HELD_SINCE_ATTRIBUTE),
    deadLetter: reason && markedAt !== null ? { reason, atMs: markedAt } : null,
  };
}

export class SqsMessageRetry {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** the message comes back after `seconds` (0 = at once) */
  async delay(record: SQSRecord, seconds: number): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  }

  /**
   * A copy visible after `seconds`, its receives counted afresh (the attempt that met the pause never
   * reached Meta); the caller then lets the original go.
   */
  async hold(record: SQSRecord, seconds: number, nowMs: number): Promise<void> {
    const since = deliveryOf(record).heldSinceMs ?? nowMs;
    await this.copy(record, seconds, { [HELD_SINCE_ATTRIBUTE]: number(since) });
  }

  /** A copy that workers let through to the DLQ without running it; the caller lets the original go. */
  async markForDeadLetter(record: SQSRecord, reason: string, nowMs: number): Promise<void> {
    await this.copy(record, 0, {
      [DEAD_LETTER_REASON_ATTRIBUTE]: { DataType: 'String', StringValue: reason.slice(0, 256) },
      [DEAD_LETTER_AT_ATTRIBUTE]: number(nowMs),
    });
  }

  private async copy(
    record: SQSRecord,
    seconds: number,
    extra: Record<string, MessageAttributeValue>,
  ): Promise<void> {
    const attributes: Record<string, MessageAttributeValue> = {};
    for (const [name, v] of Object.entries(record.messageAttributes ?? {})) {
      if (OURS.has(name)) continue;
      attributes[name] = {
        DataType: v.dataType,
        ...(v.stringValue !== undefined ? { StringValue: v.stringValue } : {}),
        ...(v.binaryValue !== undefined ? { BinaryValue: Buffer.from(v.binaryValue, 'base64') } : {}),
      };
    }
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: record.body,
        MessageAttributes: { ...attributes, ...extra },
        DelaySeconds: seconds,
      }),
    );
  }
}

const number = (n: number): MessageAttributeValue => ({ DataType: 'Number', StringValue: String(n) });
