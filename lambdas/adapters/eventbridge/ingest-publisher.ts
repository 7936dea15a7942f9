import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { IngestPublisher } from '../../core/webhooks/receive-delivery';
import { ingestDetailType, type IngestEvent } from '../../core/webhooks/webhook-envelope';

/** PutEvents limits: 10 entries and 256 KB per call. */
const MAX_ENTRIES = 10;
const MAX_BYTES = 250_000;
const PARALLEL_CALLS = 8;

/**
 * Hands the webhook's events to the bus. Entries that EventBridge reports as failed are sent again; only
 * when every event is accepted does the webhook answer Meta with 200.
 */
export class EventBridgeIngestPublisher implements IngestPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly source: string,
  ) {}

  async publishIngest(events: IngestEvent[]): Promise<void> {
    const entries = events.map((e): PutEventsRequestEntry => ({
      EventBusName: this.busName,
      Source: this.source,
      DetailType: ingestDetailType(e),
      Detail: JSON.stringify(e),
    }));
    const batches = chunk(entries);
    for (let i = 0; i < batches.length; i += PARALLEL_CALLS) {
      await Promise.all(batches.slice(i, i + PARALLEL_CALLS).map((b) => this.send(b)));
    }
  }

  private async send(batch: PutEventsRequestEntry[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= 4) throw new Error(`EventBridge kept rejecting ${pending.length} ingest event(s)`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await this.client.send(new PutEventsCommand({ Entries: pending }));
      if (!out.FailedEntryCount) return;
      pending = pending.filter((_, i) => out.Entries?.[i]?.ErrorCode);
    }
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
      throw new Error(`an ingest event of ${size} bytes is larger than EventBridge accepts`);
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
