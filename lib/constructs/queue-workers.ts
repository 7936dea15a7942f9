/**
 * A worker function per topology queue that names a `worker` module, fed by an SQS event source with
 * partial batch responses (handlers return `batchItemFailures`, so one bad message is retried alone).
 */
import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { handlerModule } from '../paths';
import type { ServiceFunction } from './lambda-defaults';
import type { ServiceFunctions } from './service-functions';
import type { WorkQueues } from './work-queues';

/** AWS guidance: visibility timeout ≥ 6 × function timeout, so throttled retries do not redeliver early. */
const VISIBILITY_TO_TIMEOUT = 6;

/** Lambda's floor for an SQS event source's maximum concurrency; used when function-needs.ts sets none. */
const DEFAULT_MAX_CONCURRENCY = 2;

export interface QueueWorkersProps {
  queues: WorkQueues;
  functions: ServiceFunctions;
}

export class QueueWorkers extends Construct {
  readonly workers = new Map<string, ServiceFunction>();

  constructor(scope: Construct, id: string, props: QueueWorkersProps) {
    super(scope, id);
    for (const { spec, queue } of props.queues.all) {
      if (!spec.worker) continue;
      const maxConcurrency =
        props.functions.needsOf('queue', spec.name).maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
      const worker = props.functions.create({
        kind: 'queue',
        name: spec.name,
        entry: handlerModule('queues', spec.worker),
        description: `Worker for the ${spec.name} queue`,
        defaultTimeout: Duration.seconds(
          Math.max(3, Math.floor(spec.visibilityTimeoutSeconds / VISIBILITY_TO_TIMEOUT)),
        ),
        unreservedBecause: `Fed by SQS, and capped there: the event source's maximum concurrency (${maxConcurrency}) is AWS's bound for SQS-fed functions; reserved concurrency would throttle batches already received, and throttled receives dead-letter healthy messages.`,
      });
      // Lambda refuses the event source mapping at deploy time otherwise; fail at synth instead
      if (worker.fn.timeout && worker.fn.timeout.toSeconds() > spec.visibilityTimeoutSeconds) {
        throw new Error(
          `${spec.name} worker timeout ${worker.fn.timeout.toSeconds()} s exceeds the queue visibility timeout ` +
            `${spec.visibilityTimeoutSeconds} s (topology.ts)`,
        );
      }
      worker.fn.addEventSource(
        new SqsEventSource(queue, {
          batchSize: spec.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency,
        }),
      );
      acknowledge(worker.fn, {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          'SQS event source mappings take no on-failure destination (Lambda offers them for stream and Kafka ' +
          "sources); the queue's redrive policy is the equivalent: after maxReceiveCount receives a message moves " +
          'to the alarmed DLQ, from which it is redriven (docs/operations.md).',
      });
      this.workers.set(spec.name, worker);
    }
  }
}
