import type { Page, PageRequest } from '../../../platform/core/ports';
import type { CampaignStore } from '../ports';
import type { CampaignRecord } from '../core/campaign';
import { TableStore, withoutTableAttributes } from '../../../platform/adapters/table/table-store';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import { CAMPAIGN_SK_PREFIX } from '../contracts/campaign-records';

const sk = (id: string) => `${CAMPAIGN_SK_PREFIX}${id}`;

export class DynamoCampaignStore extends TableStore implements CampaignStore {
  async put(c: CampaignRecord): Promise<void> {
    await this.writeItem({ pk: tenantPk(c.tenantId), sk: sk(c.id), entity: 'campaign', ...c });
  }

  async putIf(c: CampaignRecord, expectedRev: number | undefined): Promise<boolean> {
    return this.writeItemIf(
      { pk: tenantPk(c.tenantId), sk: sk(c.id), entity: 'campaign', ...c, rev: (expectedRev ?? 0) + 1 },
      {
        ConditionExpression: expectedRev === undefined ? 'attribute_not_exists(rev)' : 'rev = :rev',
        ...(expectedRev === undefined ? {} : { ExpressionAttributeValues: { ':rev': expectedRev } }),
      },
    );
  }

  async saveSync(tenantId: string, id: string, sync: NonNullable<CampaignRecord['sync']>): Promise<void> {
    await this.updateItem(tenantKey(tenantId, sk(id)), {
      UpdateExpression: 'SET #sync = :s',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#sync': 'sync' },
      ExpressionAttributeValues: { ':s': sync },
    });
  }

  get(tenantId: string, id: string): Promise<CampaignRecord | undefined> {
    return this.readRecord<CampaignRecord>(tenantKey(tenantId, sk(id)));
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<CampaignRecord>> {
    const pk = tenantPk(tenantId);
    return this.queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': CAMPAIGN_SK_PREFIX },
        ScanIndexForward: false,
      },
      page,
      { pk },
      (i) => withoutTableAttributes<CampaignRecord>(i),
    );
  }
}
