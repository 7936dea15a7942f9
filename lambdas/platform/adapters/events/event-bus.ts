/**
 * The connector's EventBridge bus, with one failure policy for everything put on it: domain events,
 * internal commands and the webhook's ingest events. Entries go in PutEvents calls of at most 10 entries
 * and 256 KB, several calls at once; the entries EventBridge reports as failed (throttling, an internal
 * failure) are sent again with backoff; what it still refuses after that fails the put that brought it,
 * with its error codes, so that caller's own retry (the queue's, Meta's redelivery) takes over. Nothing is
 * dropped.
 *
 * The puts made in the same turn of the event loop share their PutEvents calls: a queue worker handles its
 * batch's records in parallel, so ten records that each announce an event make one call, not ten. Each
 * put still learns only its own entries' outcome.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
import type { EventBridgeApi, PutEventsEntry } from '../aws-http/event-bridge-api';
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

/** One entry on its way, with the put it came in. */
interface Sending {
  entry: PutEventsEntry;
  size: number;
  put: WaitingPut;
}

interface WaitingPut {
  /** what EventBridge still refused of this put's entries, or the error of a call carrying them */
  refused: Array<{ type: string; code: string }>;
  error?: unknown;
  resolve(): void;
  reject(err: unknown): void;
}

export class EventBridgeBus {
  private readonly sleep: (ms: number) => Promise<void>;
  private waiting: Sending[] = [];
  private puts: WaitingPut[] = [];
  private scheduled = false;

  constructor(
    private readonly client: EventBridgeApi,
    private readonly busName: string,
    options: EventBusOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Resolves once every entry is accepted; otherwise throws, naming what EventBridge answered. */
  put(entries: readonly BusEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const sized = entries.map((e) => {
      const entry: PutEventsEntry = {
        EventBusName: this.busName,
        Source: e.source,
        DetailType: e.detailType,
        Detail: JSON.stringify(e.detail),
      };
      return { entry, size: entrySize(entry) };
    });
    const tooBig = sized.find((s) => s.size > MAX_BYTES);
    if (tooBig)
      return Promise.reject(
        new Error(
          `an event of ${tooBig.size} bytes (${tooBig.entry.DetailType}) is larger than EventBridge accepts`,
        ),
      );
    return new Promise((resolve, reject) => {
      const put: WaitingPut = { refused: [], resolve, reject };
      this.puts.push(put);
      for (const s of sized) this.waiting.push({ ...s, put });
      if (this.scheduled) return;
      this.scheduled = true;
      // after the microtasks of this turn: every record of a worker's batch has made its put by then
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const sending = this.waiting;
    const puts = this.puts;
    this.waiting = [];
    this.puts = [];
    this.scheduled = false;
    const batches = chunk(sending);
    for (let i = 0; i < batches.length; i += PARALLEL_CALLS) {
      await Promise.all(batches.slice(i, i + PARALLEL_CALLS).map((b) => this.send(b)));
    }
    for (const put of puts) {
      if (put.error !== undefined) put.reject(put.error);
      else if (put.refused.length > 0) put.reject(refusal(put.refused));
      else put.resolve();
    }
  }

  /** Sends one call's entries until EventBridge accepts them or the attempts run out; never throws. */
  private async send(batch: Sending[]): Promise<void> {
    let pending = batch;
    let codes: string[] = [];
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (attempt > 0) await this.sleep(50 * 2 ** attempt);
        const out = await this.client.putEvents({ Entries: pending.map((s) => s.entry) });
        if (!out.FailedEntryCount) return;
        const failed = pending.flatMap((s, i) => {
          const code = out.Entries?.[i]?.ErrorCode;
          return code ? [{ s, code }] : [];
        });
        // a count without per-entry codes says nothing we could re-send: the whole call is refused
        if (failed.length === 0) {
          codes = ['no error code'];
          break;
        }
        pending = failed.map((f) => f.s);
        codes = failed.map((f) => f.code);
      }
    } catch (err) {
      for (const s of pending) s.put.error ??= err;
      return;
    }
    pending.forEach((s, i) =>
      s.put.refused.push({
        type: s.entry.DetailType,
        code: codes[i] ?? codes[0] ?? 'no error code',
      }),
    );
  }
}

function refusal(refused: Array<{ type: string; code: string }>): Error {
  const types = [...new Set(refused.map((r) => r.type))].join(', ');
  const codes = [...new Set(refused.map((r) => r.code))].join(', ');
  return new Error(`EventBridge kept rejecting ${refused.length} event(s) (${types}): ${codes}`);
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

const entrySize = (e: PutEventsEntry) =>
  Buffer.byteLength(e.Detail) + Buffer.byteLength(e.DetailType) + Buffer.byteLength(e.Source);

function chunk(entries: Sending[]): Sending[][] {
  const out: Sending[][] = [];
  let current: Sending[] = [];
  let bytes = 0;
  for (const e of entries) {
    if (current.length === MAX_ENTRIES || bytes + e.size > MAX_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += e.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
