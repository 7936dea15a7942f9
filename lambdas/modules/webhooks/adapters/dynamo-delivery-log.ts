import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CoalescedPuts } from '../../../platform/adapters/table/coalesced-puts';
import type { DeliveryRecord } from '../contracts';
import type { DeliveryLog } from '../ports';
import { recordItem } from './delivery-items';

/** The delivery log the worker writes after the 200: a record per delivery, by day, in the single table. */
export class DynamoDeliveryLog implements DeliveryLog {
  /** the records of one worker batch go to the table in one batch write */
  private readonly records: CoalescedPuts;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.records = new CoalescedPuts(db, tableName);
  }

  async record(d: DeliveryRecord): Promise<void> {
    await this.records.put(recordItem(d));
  }
}
