import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DelayedJobSender } from '../../core/ports';

/**
 * Sends a job straight to a worker queue with SQS's per-message delay (at most 15 minutes), in the same
 * envelope EventBridge delivers, so the worker reads both alike.
 */
export class SqsDelayedJobSender implements DelayedJobSender {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly source: string,
  ) {}

  async sendAt(detailType: string, detail: Record<string, unknown>, delaySeconds: number): Promise<void> {
    const envelope = {
      version: '0',
      id: `${detailType}:${String(detail.postId ?? '')}:${String(detail.targetKey ?? '')}`,
      'detail-type': detailType,
      source: this.source,
      time: new Date().toISOString(),
      detail,
    };
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(envelope),
        DelaySeconds: Math.max(0, Math.min(900, Math.round(delaySeconds))),
      }),
    );
  }
}
