import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { CoalescedPuts } from '../../../platform/adapters/table/coalesced-puts';
import { fixedTtlFor } from '../../../platform/core/retention-policy';
import type { DeliveryRecord } from '../contracts';
import type { DeliveryLog, ParkedDeliveries } from '../ports';

/** The delivery log (a record per delivery, by day) and the parked bodies, in the single table. */
/** DynamoDB items stop at 400 KB; a parked body is split into parts below that. */
const PART_BYTES = 300_000;

export const deliveryPk = (receivedAt: string) => `DELIVERIES#${receivedAt.slice(0, 10)}`;
export const PARKED_PK = 'DELIVERIES#PARKED';

export class DynamoDeliveryLog implements DeliveryLog, ParkedDeliveries {
  /** the records of one worker batch go to the table in one batch write */
  private readonly records: CoalescedPuts;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.records = new CoalescedPuts(db, tableName);
  }

  private ttl(receivedAt: string): number {
    return fixedTtlFor('delivery-log', new Date(receivedAt)).expiresAt;
  }

  private recordItem(d: DeliveryRecord): Record<string, unknown> {
    return {
      pk: deliveryPk(d.receivedAt),
      sk: `${d.receivedAt}#${d.deliveryId}`,
      entity: 'delivery',
      expiresAt: this.ttl(d.receivedAt),
      ...d,
    };
  }

  async record(d: DeliveryRecord): Promise<void> {
    await this.records.put(this.recordItem(d));
  }

  async park(d: DeliveryRecord, rawBody: Buffer): Promise<void> {
    const parts: Buffer[] = [];
    for (let i = 0; i < rawBody.length; i += PART_BYTES) parts.push(rawBody.subarray(i, i + PART_BYTES));
    if (parts.length === 0) parts.push(Buffer.alloc(0));
    const expiresAt = this.ttl(d.receivedAt);
    const items = parts.map((p, i) => ({
      pk: PARKED_PK,
      sk: `${d.receivedAt}#${d.deliveryId}#${String(i).padStart(4, '0')}`,
      entity: 'parked-delivery',
      expiresAt,
      part: i,
      parts: parts.length,
      body: p.toString('base64'),
      ...(i === 0 ? d : { deliveryId: d.deliveryId }),
    }));
    // the record and the body's parts in one batch write: this happens before the webhook answers Meta
    await batchWrite(this.db, this.tableName, [this.recordItem(d), ...items]);
  }
}
