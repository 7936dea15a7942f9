/**
 * The SQS event source mapping, locally: long-polls one queue, hands each batch to the worker module as a
 * real `SQSEvent`, and applies Lambda's partial-batch rules (ReportBatchItemFailures):
 *   - resolved with `batchItemFailures` → every other message is deleted, the listed ones stay;
 *   - an invalid/unknown `itemIdentifier` or a thrown/rejected handler → the whole batch failed.
 * Failed messages are not touched: they reappear when their visibility ends — the queue's timeout, or what
 * the worker set with ChangeMessageVisibility to time its own retry — and fauxqs moves them to the queue's
 * DLQ once ApproximateReceiveCount exceeds the redrive policy's maxReceiveCount — like AWS. Nothing here
 * extends or shortens a visibility: the queues keep their real timeouts, as in AWS.
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { silentLog, type LocalLog } from '../log';
import { HandlerUnavailableError, type HandlerLoader } from '../lambda/handler-loader';
import { createLambdaContext } from '../lambda/lambda-context';
import { LOCAL_REGION } from './aws-clients';

export type SqsWorkerHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface QueueWorkerBinding {
  queueName: string;
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  /** handler module, repository-relative (lambdas/handlers/queues/<worker>.ts) */
  entry: string;
  functionName: string;
  /** the queue's visibility timeout (shortened in tests so failed messages come back quickly) */
  visibilityTimeoutSeconds: number;
  /**
   * the worker's function timeout, for context.getRemainingTimeInMillis (default: the visibility
   * timeout). Kept apart from the visibility: a test's 1 s visibility must not become a 1 s budget that
   * a busy machine overruns, failing work that would succeed in AWS.
   */
  functionTimeoutSeconds?: number;
}

export interface SqsPollerOptions {
  sqs: SQSClient;
  binding: QueueWorkerBinding;
  loader: HandlerLoader;
  /** long-poll wait (1–20 s; default 5; stop() aborts a wait in progress) */
  waitTimeSeconds?: number;
  /** pause before re-checking a worker module that does not exist yet (default 5 s) */
  unavailableRetryMs?: number;
  /**
   * concurrent batches, like the pollers of Lambda's SQS event source mapping (which starts at five);
   * default 1
   */
  concurrency?: number;
  log?: LocalLog;
}

export interface SqsPoller {
  queueName: string;
  /** batches handed to the worker so far */
  readonly invocations: number;
  stop(): Promise<void>;
}

export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const { sqs, binding, loader } = options;
  const log = options.log ?? silentLog;
  const waitTimeSeconds = options.waitTimeSeconds ?? 5;
  const abort = new AbortController();
  let running = true;
  let invocations = 0;
  let reportedUnavailable = false;

  /** a pause that stop() cuts short */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        abort.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      abort.signal.addEventListener('abort', onAbort, { once: true });
    });

  /**
   * One poller always long-polls. Each full batch it or a helper receives lets one more poller join, up to
   * `concurrency`; a helper polls without waiting and leaves at its first empty receive. Lambda's event
   * source mapping scales its pollers with the backlog the same way. Several idle long-pollers on one
   * queue would all be woken by each message (fauxqs wakes every waiter) and all but one would answer
   * empty, so every message would cost `concurrency` receives.
   */
  const maxPollers = Math.max(1, options.concurrency ?? 1);
  let active = 1;
  const helpers = new Set<Promise<void>>();
  const addHelper = () => {
    if (!running || active >= maxPollers) return;
    active++;
    const helper = loop(false)
      .catch((err) => log.error('poller', `${binding.queueName}: poller stopped unexpectedly`, err))
      .finally(() => {
        active--;
        helpers.delete(helper);
      });
    helpers.add(helper);
  };

  const loop = async (primary: boolean) => {
    while (running) {
      // Like a disabled event source mapping: do not take messages off the queue (and burn their receive
      // count towards the DLQ) while the worker module does not exist yet.
      if (!loader.exists(binding.entry)) {
        if (!primary) return;
        if (!reportedUnavailable)
          log.warn('poller', `${binding.queueName}: ${binding.entry} does not exist yet; not polling`);
        reportedUnavailable = true;
        await sleep(options.unavailableRetryMs ?? 5000);
        continue;
      }
      reportedUnavailable = false;
      let messages: Message[] = [];
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: binding.queueUrl,
            MaxNumberOfMessages: Math.min(10, Math.max(1, binding.batchSize)),
            WaitTimeSeconds: primary ? waitTimeSeconds : 0,
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (err) {
        if (!running) break;
        log.error('poller', `${binding.queueName}: receive failed`, err);
        if (!primary) return;
        await sleep(1000);
        continue;
      }
      if (messages.length === 0) {
        if (primary) continue;
        return;
      }
      // a full batch means more are waiting: let another poller help; a partial one means the queue is drained
      if (messages.length >= Math.min(10, Math.max(1, binding.batchSize))) addHelper();
      await processBatch(messages);
    }
  };

  const processBatch = async (messages: Message[]) => {
    const event: SQSEvent = { Records: messages.map((m) => toSqsRecord(m, binding.queueArn)) };
    const ids = new Set(event.Records.map((r) => r.messageId));
    let failed: Set<string>;
    try {
      const handler = loader.get<SqsWorkerHandler>(binding.entry);
      invocations++;
      const context = createLambdaContext({
        functionName: binding.functionName,
        timeoutMs: (binding.functionTimeoutSeconds ?? binding.visibilityTimeoutSeconds) * 1000,
      });
      const response = await handler(event, context);
      failed = failedIds(response, ids);
      if (failed.size)
        log.warn(
          'poller',
          `${binding.queueName}: ${failed.size}/${ids.size} message(s) failed; they come back when their visibility ends`,
        );
    } catch (err) {
      if (err instanceof HandlerUnavailableError) log.warn('poller', err.message);
      else log.error('poller', `${binding.queueName}: worker threw; the whole batch will be retried`, err);
      failed = ids;
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length === 0) return;
    try {
      const out = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: binding.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
      for (const f of out.Failed ?? [])
        log.warn('poller', `${binding.queueName}: delete failed: ${f.Code} ${f.Message ?? ''}`);
    } catch (err) {
      // The messages come back after the visibility timeout; workers are idempotent by design.
      log.error('poller', `${binding.queueName}: delete failed`, err);
    }
  };

  const finished = loop(true).catch((err) =>
    log.error('poller', `${binding.queueName}: poller stopped unexpectedly`, err),
  );

  return {
    queueName: binding.queueName,
    get invocations() {
      return invocations;
    },
    async stop() {
      running = false;
      abort.abort();
      await finished;
      await Promise.all([...helpers]);
    },
  };
}

/**
 * Lambda's reading of a partial batch response. Anything other than a list of known message ids means the
 * whole batch failed (AWS treats a malformed response or an unknown itemIdentifier that way).
 */
export function failedIds(response: unknown, ids: Set<string>): Set<string> {
  if (response === undefined || response === null) return new Set();
  const failures = (response as SQSBatchResponse).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return new Set(ids);
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return new Set(ids);
    failed.add(id);
  }
  return failed;
}

/** An SQS message as the Lambda SQS event source presents it. */
export function toSqsRecord(message: Message, queueArn: string): SQSRecord {
  const a = message.Attributes ?? {};
  const attributes: SQSRecord['attributes'] = {
    ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
    SentTimestamp: a.SentTimestamp ?? String(Date.now()),
    SenderId: a.SenderId ?? '000000000000',
    ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  };
  for (const key of [
    'AWSTraceHeader',
    'SequenceNumber',
    'MessageGroupId',
    'MessageDeduplicationId',
    'DeadLetterQueueSourceArn',
  ] as const) {
    const value = a[key];
    if (value !== undefined) attributes[key] = value;
  }
  const record: SQSRecord = {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes,
    messageAttributes: toLambdaMessageAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

function toLambdaMessageAttributes(
  attrs: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, v] of Object.entries(attrs ?? {})) {
    // Lambda's shape: camelCase, binary as base64, list members always present.
    out[name] = {
      dataType: v.DataType ?? 'String',
      stringListValues: v.StringListValues ?? [],
      binaryListValues: (v.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: Buffer.from(v.BinaryValue).toString('base64') } : {}),
    };
  }
  return out;
}
