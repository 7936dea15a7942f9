import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { CampaignStore } from '../ports';
import type { CampaignRecord } from '../core/campaign';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import { tenantPk } from '../../../platform/adapters/table/keys';
import { CAMPAIGN_SK_PREFIX } from '../contracts/campaign-records';

const sk = (id: string) => `${CAMPAIGN_SK_PREFIX}${id}`;

export class DynamoCampaignStore implements CampaignStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(c: CampaignRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: tenantPk(c.tenantId), sk: sk(c.id), entity: 'campaign', ...c },
      }),
    );
  }

  async putIf(c: CampaignRecord, expectedRev: number | undefined): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: tenantPk(c.tenantId),
            sk: sk(c.id),
            entity: 'campaign',
            ...c,
            rev: (expectedRev ?? 0) + 1,
          },
          ConditionExpression: expectedRev === undefined ? 'attribute_not_exists(rev)' : 'rev = :rev',
          ...(expectedRev === undefined ? {} : { ExpressionAttributeValues: { ':rev': expectedRev } }),
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async saveSync(tenantId: string, id: string, sync: NonNullable<CampaignRecord['sync']>): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: sk(id) },
        UpdateExpression: 'SET #sync = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#sync': 'sync' },
        ExpressionAttributeValues: { ':s': sync },
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<CampaignRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: sk(id) } }),
    );
    return out.Item ? strip(out.Item) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<CampaignRecord>> {
    const pk = tenantPk(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': CAMPAIGN_SK_PREFIX },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
      }),
    );
    return { items: (out.Items ?? []).map(strip), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }
}

function strip(item: Record<string, unknown>): CampaignRecord {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest as unknown as CampaignRecord;
}
