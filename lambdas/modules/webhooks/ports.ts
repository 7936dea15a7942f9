/**
 * What the webhook's core needs from outside. Before the 200: the hand-off to the bus (one PutEvents call
 * for a readable delivery) and, only for a delivery it cannot read whole, the parking of its raw body.
 * After the 200: the delivery log the worker writes from the hand-off.
 */
import type { DeliveryRecord, IngestEvent } from './contracts';

export interface IngestHandOff {
  /**
   * Hands the delivery's events and its record to the bus together; must not resolve until every entry
   * is durably accepted (the 200 to Meta depends on it).
   */
  handOff(events: IngestEvent[], record: DeliveryRecord): Promise<void>;
  /** Hands off events alone: the record goes with the parked body instead. */
  handOffEvents(events: IngestEvent[]): Promise<void>;
}

export interface ParkedDeliveries {
  /** An authentic delivery we cannot read whole: kept (raw bytes) so nothing Meta sent is lost. */
  park(delivery: DeliveryRecord, rawBody: Buffer): Promise<void>;
}

export interface DeliveryLog {
  record(delivery: DeliveryRecord): Promise<void>;
}
