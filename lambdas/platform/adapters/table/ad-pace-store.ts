import type { AdAccountPaceStore, AdsBucket, PaceState } from '../../core/graph/ad-account-pace';
import { tenantKey } from './keys';
import { TableStore } from './table-store';

const sk = (adAccountId: string, bucket: AdsBucket) => `ADPACE#${adAccountId}#${bucket}`;

/** One item per tenant, ad account and bucket; it expires a day after the pause it records. */
export class DynamoAdPaceStore extends TableStore implements AdAccountPaceStore {
  async get(tenantId: string, adAccountId: string, bucket: AdsBucket): Promise<PaceState | undefined> {
    const item = await this.readItem(tenantKey(tenantId, sk(adAccountId, bucket)));
    if (!item) return undefined;
    const { until, reason, percent, at } = item;
    return { until, reason, percent, at } as PaceState;
  }

  async put(
    tenantId: string,
    connectionId: string,
    adAccountId: string,
    bucket: AdsBucket,
    state: PaceState,
  ): Promise<void> {
    await this.writeTenantItem({
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
