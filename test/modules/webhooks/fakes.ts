/**
 * In-memory fakes of the webhooks module's ports: they keep what was handed off, parked and logged, and
 * count the calls, so a use-case test asserts what crossed each boundary before the answer.
 */
import type { DeliveryRecord, IngestEvent } from '../../../lambdas/modules/webhooks/contracts';
import type { DeliveryLog, IngestHandOff, ParkedDeliveries } from '../../../lambdas/modules/webhooks/ports';
import type { MetaAppSecrets, SecretsProvider } from '../../../lambdas/platform/core/ports';

/** Every call that would reach AWS, in order: what the endpoint costs before its 200. */
export type AwsCall = 'bus' | 'table';

export class FakeHandOff implements IngestHandOff {
  readonly events: IngestEvent[] = [];
  readonly records: DeliveryRecord[] = [];
  failWith: Error | null = null;
  constructor(private readonly calls: AwsCall[]) {}

  async handOff(events: IngestEvent[], record: DeliveryRecord): Promise<void> {
    this.calls.push('bus');
    if (this.failWith) throw this.failWith;
    this.events.push(...events);
    this.records.push(record);
  }

  async handOffEvents(events: IngestEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.calls.push('bus');
    if (this.failWith) throw this.failWith;
    this.events.push(...events);
  }
}

export class FakeParking implements ParkedDeliveries {
  readonly parked: Array<{ record: DeliveryRecord; body: Buffer }> = [];
  constructor(private readonly calls: AwsCall[]) {}

  async park(record: DeliveryRecord, body: Buffer): Promise<void> {
    this.calls.push('table');
    this.parked.push({ record, body });
  }
}

export class FakeDeliveryLog implements DeliveryLog {
  readonly records = new Map<string, DeliveryRecord>();

  async record(d: DeliveryRecord): Promise<void> {
    this.records.set(d.deliveryId, d);
  }
}

export class FakeSecrets implements SecretsProvider {
  constructor(readonly app: MetaAppSecrets) {}

  async metaApp(): Promise<MetaAppSecrets> {
    return this.app;
  }
}
