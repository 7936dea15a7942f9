/**
 * Puts made in the same turn of the event loop, written together with BatchWriteItem. A queue worker
 * handles its batch's records in parallel, so the puts of one batch arrive within a turn: one batch write
 * for them costs a tenth of ten PutItem calls, in AWS (fewer requests) and locally (less CPU per
 * message). Only for unconditional puts whose order does not matter; each caller still learns whether
 * its own item was written.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from './batch-write';

interface Pending {
  item: Record<string, unknown>;
  resolve(): void;
  reject(err: unknown): void;
}

export class CoalescedPuts {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Resolves once the item is written; rejects with the batch's error otherwise. */
  put(item: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // after the microtasks of this turn: every record of the batch has reached its put by then
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    // BatchWriteItem refuses two requests for one key (a redelivered message beside its first copy);
    // the last put of a key wins, as it would with separate puts
    const byKey = new Map<string, Record<string, unknown>>();
    for (const { item } of batch) byKey.set(`${String(item.pk)}\u0000${String(item.sk)}`, item);
    try {
      await batchWrite(this.db, this.tableName, [...byKey.values()]);
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
