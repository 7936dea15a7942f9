/**
 * Redrive: moves every message of a topology queue's DLQ back to that queue with SQS's own redrive task
 * (StartMessageMoveTask, https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html),
 * then follows the task (ListMessageMoveTasks) until it ends. Run it after the cause is fixed: the workers
 * are idempotent, so a message that was in fact handled before it was dead-lettered changes nothing.
 */
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { QUEUES } from '../../lambdas/app/topology';
import { queueByName, type OpsTarget } from './target';

export interface RedriveOptions {
  /** follow the task until it ends (default true) */
  wait?: boolean;
  /** give up following after this long (default 10 minutes; the task itself keeps going) */
  timeoutMs?: number;
  pollMs?: number;
}

export interface RedriveOutcome {
  queue: string;
  /** SQS's task status: RUNNING (when not waited for), COMPLETED, CANCELLED, FAILED */
  status: string;
  moved: number;
  toMove: number;
  failureReason?: string;
}

export async function redrive(
  target: OpsTarget,
  queue: string,
  options: RedriveOptions = {},
): Promise<RedriveOutcome> {
  if (!QUEUES.some((q) => q.name === queue))
    throw new Error(`unknown queue "${queue}"; the queues are: ${QUEUES.map((q) => q.name).join(', ')}`);
  const source = await queueByName(target, target.queueName(queue));
  const dlq = await queueByName(target, `${target.queueName(queue)}-dlq`);
  await target.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: source.arn }));
  const latest = async (): Promise<RedriveOutcome> => {
    const { Results } = await target.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: dlq.arn, MaxResults: 1 }),
    );
    const task = Results?.[0];
    if (!task) throw new Error(`SQS lists no move task for ${dlq.arn}`);
    return {
      queue,
      status: task.Status ?? 'UNKNOWN',
      moved: task.ApproximateNumberOfMessagesMoved ?? 0,
      toMove: task.ApproximateNumberOfMessagesToMove ?? 0,
      ...(task.FailureReason ? { failureReason: task.FailureReason } : {}),
    };
  };
  if (options.wait === false) return latest();
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    const outcome = await latest();
    if (outcome.status !== 'RUNNING' && outcome.status !== 'CANCELLING') return outcome;
    if (Date.now() > deadline) return outcome;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
}

export interface DeadLetterCount {
  queue: string;
  /** messages waiting in the DLQ */
  messages: number;
}

/** How many messages each topology queue's DLQ holds. */
export async function deadLetterCounts(target: OpsTarget): Promise<DeadLetterCount[]> {
  return Promise.all(
    QUEUES.map(async (q) => {
      const dlq = await queueByName(target, `${target.queueName(q.name)}-dlq`);
      const { Attributes } = await target.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return { queue: q.name, messages: Number(Attributes?.ApproximateNumberOfMessages ?? 0) };
    }),
  );
}
