import { marshalledPut, type DynamoDbApi } from '../../../platform/adapters/aws-http/dynamodb-api';
import { writeInBatches } from '../../../platform/adapters/table/write-in-batches';
import type { DeliveryRecord } from '../contracts';
import type { ParkedDeliveries } from '../ports';
import { parkedItems, recordItem } from './delivery-items';

/**
 * A delivery the webhook cannot read whole, kept before it answers Meta: the record and the body's parts
 * in one batch write, over the JSON client, the webhook's only table call (docs/bundles.md).
 */
export class TableParkedDeliveries implements ParkedDeliveries {
  constructor(
    private readonly table: DynamoDbApi,
    private readonly tableName: string,
  ) {}

  async park(d: DeliveryRecord, rawBody: Buffer): Promise<void> {
    const puts = [recordItem(d), ...parkedItems(d, rawBody)].map(marshalledPut);
    await writeInBatches(puts, (chunk) => this.table.batchWriteItem(this.tableName, chunk));
  }
}
