/**
 * The tenant's campaigns created at Meta, read from the table by the ads module's contract of its stored
 * campaigns (where they are, and the fields a reader may rely on).
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tenantPk } from '../../../platform/adapters/table/keys';
import { CAMPAIGN_SK_PREFIX, StoredCampaignRef } from '../../ads/contracts';
import type { ManagedCampaigns } from '../ports';

/** the recommendations look at a tenant's first 200 campaigns */
const MAX_CAMPAIGNS = 200;

export class CampaignsForInsights implements ManagedCampaigns {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createdAtMeta(tenantId: string) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': CAMPAIGN_SK_PREFIX },
        ExpressionAttributeNames: { '#id': 'id', '#meta': 'meta' },
        ProjectionExpression: '#id, #meta',
        // newest first, as the campaigns list reads them
        ScanIndexForward: false,
        Limit: MAX_CAMPAIGNS,
      }),
    );
    return (out.Items ?? []).flatMap((item) => {
      const c = StoredCampaignRef.safeParse(item);
      return c.success && c.data.meta.campaignId
        ? [{ campaignId: c.data.id, metaCampaignId: c.data.meta.campaignId }]
        : [];
    });
  }
}
