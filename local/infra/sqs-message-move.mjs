// SQS's dead-letter redrive API on top of fauxqs: StartMessageMoveTask, ListMessageMoveTasks and
// CancelMessageMoveTask (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html).
// fauxqs 1.9 answers these with "Unknown action", and fauxqs 2 (which may add them) needs Node 22, so the
// local runtime adds them here, on the same endpoint and wire protocol (awsJson 1.0), so `npm run ops --
// redrive` sends the very same SDK commands to AWS and to the local runtime.
//
// A task moves messages with fauxqs's own public actions (ReceiveMessage, SendMessageBatch,
// DeleteMessageBatch, called in-process through Fastify's inject), never by reaching into its store. As in
// SQS: the source must be the dead-letter queue of an SQS queue, only one task per source runs at a time, a
// task without DestinationArn returns messages to the queue that dead-lettered them, and tasks of the last
// 14 days are listed newest first.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const TARGET_PREFIX = 'AmazonSQS.';
const JSON_10 = 'application/x-amz-json-1.0';
const FOURTEEN_DAYS_MS = 14 * 24 * 3600 * 1000;
/** SQS's documented ceiling for MaxNumberOfMessagesPerSecond */
const MAX_RATE = 500;
/** how long a moving batch stays invisible in the source: ample for one send and delete in-process */
const MOVE_VISIBILITY_SECONDS = 30;

class MoveTaskError extends Error {
  constructor(code, message, queryError) {
    super(message);
    this.code = code;
    this.queryError = queryError;
  }
}

const notFound = (message) => new MoveTaskError('ResourceNotFoundException', message);
const unsupported = (message) =>
  new MoveTaskError('UnsupportedOperation', message, 'AWS.SimpleQueueService.UnsupportedOperation;Sender');
const invalid = (message) =>
  new MoveTaskError('InvalidParameterValue', message, 'InvalidParameterValue;Sender');

/** Registers the three actions on a fauxqs app before it listens. */
export function installMessageMoveTasks(app) {
  /** @type {Array<{handle: string, sourceArn: string, destinationArn?: string, rate?: number, status: string, moved: number, toMove: number, startedAt: number, failureReason?: string, cancel: boolean}>} */
  const tasks = [];
  let closing = false;

  const call = async (action, body) => {
    const res = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': JSON_10, 'x-amz-target': `${TARGET_PREFIX}${action}` },
      payload: JSON.stringify(body),
    });
    const parsed = res.body ? JSON.parse(res.body) : {};
    if (res.statusCode !== 200) throw new Error(`${action}: ${parsed.message ?? res.statusCode}`);
    return parsed;
  };

  /** Every queue with its ARN and redrive policy, through the public API. */
  const queues = async () => {
    const { QueueUrls = [] } = await call('ListQueues', {});
    return Promise.all(
      QueueUrls.map(async (url) => {
        const { Attributes = {} } = await call('GetQueueAttributes', {
          QueueUrl: url,
          AttributeNames: ['QueueArn', 'RedrivePolicy', 'ApproximateNumberOfMessages'],
        });
        let dlqArn;
        try {
          dlqArn = Attributes.RedrivePolicy
            ? JSON.parse(Attributes.RedrivePolicy).deadLetterTargetArn
            : undefined;
        } catch {
          dlqArn = undefined;
        }
        return {
          url,
          arn: Attributes.QueueArn,
          dlqArn,
          visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        };
      }),
    );
  };

  const start = async (body) => {
    const sourceArn = body.SourceArn;
    if (typeof sourceArn !== 'string' || sourceArn === '') throw invalid('SourceArn is required.');
    const rate = body.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE))
      throw invalid(
        `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: must be 1 to ${MAX_RATE}.`,
      );
    const all = await queues();
    const source = all.find((q) => q.arn === sourceArn);
    if (!source)
      throw notFound('The resource that you specified for the SourceArn parameter does not exist.');
    const origins = all.filter((q) => q.dlqArn === sourceArn);
    if (origins.length === 0) throw unsupported('Source queue must be configured as a Dead Letter Queue.');
    let destination;
    if (body.DestinationArn !== undefined) {
      destination = all.find((q) => q.arn === body.DestinationArn);
      if (!destination)
        throw notFound('The resource that you specified for the DestinationArn parameter does not exist.');
    } else if (origins.length === 1) {
      destination = origins[0];
    } else {
      // SQS remembers each message's source queue; fauxqs does not, so ask for the destination instead
      throw unsupported(
        'This dead-letter queue serves several source queues; the local runtime needs DestinationArn to redrive it.',
      );
    }
    if (tasks.some((t) => t.sourceArn === sourceArn && (t.status === 'RUNNING' || t.status === 'CANCELLING')))
      throw unsupported(
        'There is already a task running. Only one active task is allowed for a source queue at a given time.',
      );
    const task = {
      handle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64'),
      sourceArn,
      ...(body.DestinationArn !== undefined ? { destinationArn: body.DestinationArn } : {}),
      ...(rate !== undefined ? { rate } : {}),
      status: 'RUNNING',
      moved: 0,
      toMove: source.visible,
      startedAt: Date.now(),
      cancel: false,
    };
    tasks.unshift(task);
    void run(task, source.url, destination.url);
    return { TaskHandle: task.handle };
  };

  const run = async (task, sourceUrl, destinationUrl) => {
    try {
      for (;;) {
        if (task.cancel || closing) {
          task.status = 'CANCELLED';
          return;
        }
        const began = Date.now();
        const { Messages = [] } = await call('ReceiveMessage', {
          QueueUrl: sourceUrl,
          MaxNumberOfMessages: Math.min(10, task.rate ?? 10),
          VisibilityTimeout: MOVE_VISIBILITY_SECONDS,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
        });
        if (Messages.length === 0) {
          task.status = 'COMPLETED';
          return;
        }
        const sent = await call('SendMessageBatch', {
          QueueUrl: destinationUrl,
          Entries: Messages.map((m, i) => ({
            Id: String(i),
            MessageBody: m.Body,
            ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
          })),
        });
        const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
        const moved = Messages.filter((_, i) => ok.has(String(i)));
        if (moved.length > 0)
          await call('DeleteMessageBatch', {
            QueueUrl: sourceUrl,
            Entries: moved.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          });
        task.moved += moved.length;
        if (moved.length < Messages.length) {
          task.status = 'FAILED';
          task.failureReason = 'The destination queue refused some messages; they stay in the source queue.';
          return;
        }
        if (task.rate) {
          const due = (moved.length / task.rate) * 1000 - (Date.now() - began);
          if (due > 0) await sleep(due);
        }
      }
    } catch (err) {
      task.status = 'FAILED';
      task.failureReason = err instanceof Error ? err.message : String(err);
    }
  };

  const list = async (body) => {
    const sourceArn = body.SourceArn;
    if (typeof sourceArn !== 'string' || sourceArn === '') throw invalid('SourceArn is required.');
    const max = body.MaxResults ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10)
      throw invalid(`Value ${max} for parameter MaxResults is invalid. Reason: must be 1 to 10.`);
    if (!(await queues()).some((q) => q.arn === sourceArn))
      throw notFound('The resource that you specified for the SourceArn parameter does not exist.');
    const recent = tasks.filter(
      (t) => t.sourceArn === sourceArn && Date.now() - t.startedAt < FOURTEEN_DAYS_MS,
    );
    return {
      Results: recent.slice(0, max).map((t) => ({
        ...(t.status === 'RUNNING' ? { TaskHandle: t.handle } : {}),
        Status: t.status,
        SourceArn: t.sourceArn,
        ...(t.destinationArn ? { DestinationArn: t.destinationArn } : {}),
        ...(t.rate ? { MaxNumberOfMessagesPerSecond: t.rate } : {}),
        ApproximateNumberOfMessagesMoved: t.moved,
        ApproximateNumberOfMessagesToMove: t.toMove,
        ...(t.failureReason ? { FailureReason: t.failureReason } : {}),
        StartedTimestamp: t.startedAt,
      })),
    };
  };

  const cancel = async (body) => {
    const task = tasks.find((t) => t.handle === body.TaskHandle && t.status === 'RUNNING');
    if (!task) throw notFound('The task handle does not name a running message move task.');
    task.cancel = true;
    task.status = 'CANCELLING';
    return { ApproximateNumberOfMessagesMoved: task.moved };
  };

  const actions = {
    StartMessageMoveTask: start,
    ListMessageMoveTasks: list,
    CancelMessageMoveTask: cancel,
  };

  // fauxqs routes every SQS action through one POST / handler; a preHandler sees the parsed JSON body first
  app.addHook('preHandler', async (request, reply) => {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return;
    const action = actions[target.slice(TARGET_PREFIX.length)];
    if (!action) return;
    reply.header('content-type', JSON_10);
    try {
      return reply.send(await action(request.body ?? {}));
    } catch (err) {
      if (!(err instanceof MoveTaskError)) throw err;
      reply.status(400);
      if (err.queryError) reply.header('x-amzn-query-error', err.queryError);
      return reply.send({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message });
    }
  });
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
}
