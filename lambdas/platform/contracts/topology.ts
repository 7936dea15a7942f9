/**
 * The shape of the event-driven topology, which lambdas/app/topology.ts fills from every module's
 * declaration (lambdas/modules/<name>/module.ts): queues, the bus rules that feed them, schedules. The
 * CDK stack and the local runtime are both built from it.
 */
import type { RetrySchedule } from '../core/retries/message-retry';

export interface QueueSpec {
  /** logical name; the physical queue is `<stack>-<name>` in AWS and `<name>` locally */
  name: string;
  /**
   * the worker's handler module, exporting `handler` and `createHandler`: a path from the repository root
   * (`lambdas/modules/leads/handlers/lead-fetch.ts`), or a name under lambdas/handlers/queues for the
   * functions not yet moved into a module; absent until a worker exists
   */
  worker?: string;
  batchSize: number;
  /** receives before a message is moved to the queue's DLQ */
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
  /**
   * when a failed message comes back: after attempt n, step n (seconds, the last repeats). With
   * maxReceiveCount it covers at least an hour before the DLQ (a test holds every queue to that).
   */
  retryStepsSeconds: readonly number[];
}

export interface BusRuleSpec {
  name: string;
  /** matches `detail-type` exactly; the source is always {@link EVENT_SOURCE} or {@link INGEST_SOURCE} */
  source: string;
  detailTypes: string[];
  queue: string;
}

export interface ScheduleSpec {
  name: string;
  /** EventBridge rate expression */
  rate: string;
  /** the job's handler module, exporting `handler` and `createHandler`: as {@link QueueSpec.worker} (lambdas/handlers/schedule) */
  job: string;
}

/** Source of the public domain events the customer's own systems subscribe to. */
export const EVENT_SOURCE = 'meta-connector';
/** Source of the internal events the webhook endpoint hands off (one per Meta change). */
export const INGEST_SOURCE = 'meta-connector.ingest';

/**
 * Seconds before each retry: a passing error costs seconds, a long one is retried ever more rarely, and
 * seven retries (eight receives) wait 73 minutes in all before the DLQ.
 */
export const STANDARD_RETRY_STEPS = [2, 10, 30, 120, 600, 1800, 1800] as const;

/** Each step ± this fraction, so messages that failed together come back spread out. */
export const RETRY_JITTER = 0.2;

/** The schedule a queue's worker times its failed messages by. */
export function retryScheduleOf(spec: QueueSpec): RetrySchedule {
  return { stepsSeconds: spec.retryStepsSeconds, maxAttempts: spec.maxReceiveCount, jitter: RETRY_JITTER };
}

/** Where a worker's or a job's handler module is: a module path as it is, a bare name in the old folders. */
export function handlerEntry(kind: 'queues' | 'schedule', module: string): string {
  const file = module.endsWith('.ts') ? module : `${module}.ts`;
  return file.includes('/') ? file : `lambdas/handlers/${kind}/${file}`;
}
