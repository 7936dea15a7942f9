/**
 * The connector's own EventBridge bus: internal ingest events from the webhook and the public domain events
 * customers subscribe to. Every topology BUS_RULES entry becomes a rule delivering to its work queue.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { BusRuleSpec } from '../../lambdas/app/topology';
import type { WorkQueues } from './work-queues';

export interface ConnectorBusProps {
  rules: readonly BusRuleSpec[];
  queues: WorkQueues;
  /** how long the archive keeps events for replay */
  archiveRetention?: Duration;
}

export class ConnectorBus extends Construct {
  readonly bus: events.EventBus;
  readonly archive: events.Archive;
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: ConnectorBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { description: 'Meta connector ingest and domain events' });
    // Replay after a worker bug: the archive holds every event of this account on the bus. Those events
    // carry Meta content (lead fields, message text) that a purge cannot reach in the archive, so it keeps
    // them a day: the privacy promise deletes a disconnected account's data within 24 hours.
    this.archive = this.bus.archive('Archive', {
      description: 'Every event on the Meta connector bus, for replay (one day)',
      eventPattern: { account: [Stack.of(this).account] },
      retention: props.archiveRetention ?? Duration.days(1),
    });
    for (const spec of props.rules) {
      const target = props.queues.get(spec.queue);
      const rule = new events.Rule(this, `Rule-${spec.name}`, {
        eventBus: this.bus,
        description: `${spec.source} ${spec.detailTypes.join(', ')} -> ${spec.queue} queue`,
        eventPattern: { source: [spec.source], detailType: [...spec.detailTypes] },
        // Undeliverable events go to the queue's DLQ, which is already alarmed: nothing is dropped silently.
        targets: [new targets.SqsQueue(target.queue, { deadLetterQueue: target.dlq })],
      });
      this.rules.push(rule);
    }
  }

  get eventBusName(): string {
    return this.bus.eventBusName;
  }

  grantPutEvents(grantee: iam.IGrantable): iam.Grant {
    return this.bus.grantPutEventsTo(grantee);
  }
}
