import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putTenantItem } from './put-tenant-item';
import type { AdAccountPaceStore, AdsBucket, PaceState } from '../../core/graph/ad-account-pace';
import { tenantPk } from './keys';

const sk = (adAccountId: string, bucket: AdsBucket) => `ADPACE#${adAccountId}#${bucket}`;

/** One item per tenant, ad account and bucket; it expires a day after the pause it records. */
export class DynamoAdPaceStore implements AdAccountPaceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, adAccountId: string, bucket: AdsBucket): Promise<PaceState | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: sk(adAccountId, bucket) },
      }),
    );
    if (!out.Item) return undefined;
    const { until, reason, percent, at } = out.Item;
    return { until, reason, percent, at } as PaceState;
  }

  async put(
    tenantId: string,
    connectionId: string,
    adAccountId: string,
    bucket: AdsBucket,
    state: PaceState,
  ): Promise<void> {
    await putTenantItem(this.db, this.tableName, {
      tenantId,
      sk: sk(adAccountId, bucket),
      entity: 'ad-pace',
      connectionId,
      adAccountId,
      bucket,
      ...state,
      expiresAt: Math.floor(Date.parse(state.until) / 1000) + 86_400,
    });
  }
}
