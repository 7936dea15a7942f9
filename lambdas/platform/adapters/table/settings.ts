import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SettingsRepository } from '../../core/ports';
import { tenantPk } from './keys';

export class DynamoSettings implements SettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get<T>(tenantId: string, key: string): Promise<T | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: `SETTINGS#${key}` } }),
    );
    return out.Item?.value as T | undefined;
  }

  async put<T>(tenantId: string, key: string, value: T, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(tenantId),
          sk: `SETTINGS#${key}`,
          entity: 'settings',
          key,
          value,
          updatedAt: at,
        },
      }),
    );
  }
}
