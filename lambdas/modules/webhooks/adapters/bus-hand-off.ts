/**
 * The webhook's hand-off over the platform's bus: each event under its `meta.<object>.<field>`
 * detail-type, and the delivery's record beside them, in one PutEvents call when they fit (10 entries,
 * 256 KB), with the bus's one failure policy (platform/adapters/events/event-bus.ts).
 */
import type { EventBridgeBus } from '../../../platform/adapters/events/event-bus';
import { INGEST_SOURCE } from '../../../platform/contracts/topology';
import { DeliveryReceived, ingestDetailType, type DeliveryRecord, type IngestEvent } from '../contracts';
import type { IngestHandOff } from '../ports';

export class BusHandOff implements IngestHandOff {
  constructor(private readonly bus: Pick<EventBridgeBus, 'put'>) {}

  handOff(events: IngestEvent[], record: DeliveryRecord): Promise<void> {
    return this.bus.put([
      ...events.map(entry),
      { source: INGEST_SOURCE, detailType: DeliveryReceived.detailType, detail: { delivery: record } },
    ]);
  }

  async handOffEvents(events: IngestEvent[]): Promise<void> {
    if (events.length > 0) await this.bus.put(events.map(entry));
  }
}

const entry = (e: IngestEvent) => ({ source: INGEST_SOURCE, detailType: ingestDetailType(e), detail: e });
