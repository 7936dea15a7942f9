/**
 * Gathers the SendMessage calls made within a millisecond into SendMessageBatch calls per queue (10
 * messages or 256 KB each, SQS's limits). The local bus delivers every matched event to its queue; under
 * load many PutEvents requests arrive within a millisecond, and one SQS call for up to ten of their
 * events costs a tenth of ten calls. A queue with ten waiting is sent at once; each message still
 * learns its own outcome.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_ENTRIES = 10;
const MAX_BYTES = 256 * 1024;
const WINDOW_MS = 1;

interface Pending {
  body: string;
  bytes: number;
  resolve(messageId: string): void;
  reject(err: Error): void;
}

export class SendBatcher {
  private readonly queues = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly sqs: SQSClient) {}

  /** Resolves to the message id once SQS has the message. */
  send(queueUrl: string, body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const list = this.queues.get(queueUrl) ?? [];
      list.push({ body, bytes: Buffer.byteLength(body), resolve, reject });
      this.queues.set(queueUrl, list);
      if (list.length >= MAX_ENTRIES) {
        this.queues.delete(queueUrl);
        this.sendAll(queueUrl, list);
      } else if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), WINDOW_MS);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const queues = [...this.queues];
    this.queues.clear();
    for (const [queueUrl, pending] of queues) this.sendAll(queueUrl, pending);
  }

  private sendAll(queueUrl: string, pending: Pending[]): void {
    let batch: Pending[] = [];
    let bytes = 0;
    for (const p of pending) {
      if (batch.length === MAX_ENTRIES || (batch.length > 0 && bytes + p.bytes > MAX_BYTES)) {
        void this.sendBatch(queueUrl, batch);
        batch = [];
        bytes = 0;
      }
      batch.push(p);
      bytes += p.bytes;
    }
    if (batch.length > 0) void this.sendBatch(queueUrl, batch);
  }

  private async sendBatch(queueUrl: string, batch: Pending[]): Promise<void> {
    try {
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((p, i) => ({ Id: String(i), MessageBody: p.body })),
        }),
      );
      const ok = new Map((out.Successful ?? []).map((s) => [s.Id, s.MessageId]));
      const failed = new Map((out.Failed ?? []).map((f) => [f.Id, `${f.Code}: ${f.Message ?? ''}`]));
      batch.forEach((p, i) => {
        const id = ok.get(String(i));
        if (id) p.resolve(id);
        else p.reject(new Error(failed.get(String(i)) ?? 'SendMessageBatch did not report this entry'));
      });
    } catch (err) {
      for (const p of batch) p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
