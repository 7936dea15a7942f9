import type { SettingsRepository } from '../../core/ports';
import { tenantKey, tenantPk } from './keys';
import { TableStore } from './table-store';

export class DynamoSettings extends TableStore implements SettingsRepository {
  async get<T>(tenantId: string, key: string): Promise<T | undefined> {
    return (await this.readItem(tenantKey(tenantId, `SETTINGS#${key}`)))?.value as T | undefined;
  }

  async put<T>(tenantId: string, key: string, value: T, at: string): Promise<void> {
    await this.writeItem({
      pk: tenantPk(tenantId),
      sk: `SETTINGS#${key}`,
      entity: 'settings',
      key,
      value,
      updatedAt: at,
    });
  }
}
