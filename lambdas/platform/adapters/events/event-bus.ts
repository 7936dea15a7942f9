/**
 * The connector's EventBridge bus, with one failure policy for everything put on it: domain events,
 * internal commands and the webhook's ingest events. Entries go in PutEvents calls of at most 10 entries
 * and 256 KB, several calls at once; the entries EventBridge reports as failed (throttling, an internal
 * failure) are sent again with backoff; what it still refuses after that fails the call with its error
 * codes, so the caller's own retry (the queue's, Meta's redelivery) takes over. Nothing is dropped.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../../contracts/event-contract';
import { EVENT_SOURCE, INGEST_SOURCE } from '../../contracts/topology';
import type { CommandPublisher, EventPublisher } from '../../core/ports';

/** PutEvents limits: 10 entries and 256 KB per call. */
const MAX_ENTRIES = 10;
const MAX_BYTES = 250_000;
const PARALLEL_CALLS = 8;
/** one call and three more for the entries it refused */
const MAX_ATTEMPTS = 4;

export interface BusEntry {
  source: string;
  detailType: string;
  detail: object;
}

export interface EventBusOptions {
  /** how the bus waits between attempts (tests pass one that does not) */
  sleep?: (ms: number) => Promise<void>;
}

export class EventBridgeBus {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    options: EventBusOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Resolves once every entry is accepted; otherwise throws, naming what EventBridge answered. */
  async put(entries: readonly BusEntry[]): Promise<void> {
    const batches = chunk(
      entries.map((e): PutEventsRequestEntry => ({
        EventBusName: this.busName,
        Source: e.source,
        DetailType: e.detailType,
        Detail: JSON.stringify(e.detail),
      })),
    );
    for (let i = 0; i < batches.length; i += PARALLEL_CALLS) {
      await Promise.all(batches.slice(i, i + PARALLEL_CALLS).map((b) => this.send(b)));
    }
  }

  private async send(batch: PutEventsRequestEntry[]): Promise<void> {
    let pending = batch;
    let codes: string[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.sleep(50 * 2 ** attempt);
      const out = await this.client.send(new PutEventsCommand({ Entries: pending }));
      if (!out.FailedEntryCount) return;
      const failed = pending.flatMap((entry, i) => {
        const code = out.Entries?.[i]?.ErrorCode;
        return code ? [{ entry, code }] : [];
      });
      pending = failed.map((f) => f.entry);
      codes = failed.map((f) => f.code);
      // a count without per-entry codes says nothing we could re-send: it fails as it is
      if (pending.length === 0) break;
    }
    const types = [...new Set(pending.map((e) => e.DetailType))].join(', ');
    throw new Error(
      `EventBridge kept rejecting ${pending.length || 'some'} event(s) (${types || 'unknown'}): ${[...new Set(codes)].join(', ') || 'no error code'}`,
    );
  }
}

/** The public domain events (docs/events.md), source `meta-connector`. */
export class BusEventPublisher implements EventPublisher {
  constructor(private readonly bus: EventBridgeBus) {}

  publish(events: DomainEvent[]): Promise<void> {
    return this.bus.put(events.map((e) => ({ source: EVENT_SOURCE, detailType: e.type, detail: e.detail })));
  }
}

/** Internal commands, source `meta-connector.ingest`, routed to their worker's queue by detail-type. */
export class BusCommandPublisher implements CommandPublisher {
  constructor(private readonly bus: EventBridgeBus) {}

  send(detailType: string, detail: Record<string, unknown>): Promise<void> {
    return this.bus.put([{ source: INGEST_SOURCE, detailType, detail }]);
  }
}

function chunk(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const out: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size =
      Buffer.byteLength(e.Detail ?? '') +
      Buffer.byteLength(e.DetailType ?? '') +
      Buffer.byteLength(e.Source ?? '');
    if (size > MAX_BYTES)
      throw new Error(`an event of ${size} bytes (${e.DetailType}) is larger than EventBridge accepts`);
    if (current.length === MAX_ENTRIES || bytes + size > MAX_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
