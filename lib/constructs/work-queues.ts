/**
 * One SQS queue and DLQ per topology QUEUES entry, with an alarm as soon as anything lands in a DLQ.
 * SQS-managed SSE rather than a KMS key: EventBridge and Lambda then need no key grants to use the queues.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../../lambdas/app/topology';
import type { AlarmTopic } from './alarms';
import { deadLetterQueue } from './dead-letter-queue';

export interface WorkQueue {
  spec: QueueSpec;
  queue: sqs.Queue;
  dlq: sqs.Queue;
  dlqAlarm: cloudwatch.Alarm;
}

export interface WorkQueuesProps {
  queues: readonly QueueSpec[];
  alarms: AlarmTopic;
}

export class WorkQueues extends Construct {
  private readonly byName = new Map<string, WorkQueue>();

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    for (const spec of props.queues) {
      const group = new Construct(this, spec.name);
      const { queue: dlq, alarm: dlqAlarm } = deadLetterQueue(group, 'Dlq', {
        queueName: `${prefix}-${spec.name}-dlq`,
        alarmDescription: `Messages in the ${spec.name} dead-letter queue: inspect, fix, redrive (docs/operations.md)`,
        alarms: props.alarms,
      });
      const queue = new sqs.Queue(group, 'Queue', {
        queueName: `${prefix}-${spec.name}`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      this.byName.set(spec.name, { spec, queue, dlq, dlqAlarm });
    }
  }

  get all(): WorkQueue[] {
    return [...this.byName.values()];
  }

  get(name: string): WorkQueue {
    const q = this.byName.get(name);
    if (!q) throw new Error(`unknown queue "${name}" (not in topology.ts QUEUES)`);
    return q;
  }
}
