/**
 * Templates, business profiles and registrations in the tenant's partition, under the connection
 * (`CONX#<connectionId>#…`) and carrying `connectionId`, so the deletion worker's purge of a connection
 * finds them; profiles and registrations also carry `phoneNumberId`, so revoking the number purges them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from '../../../platform/adapters/table/batch-write';
import { connectionChildSk, tenantPk } from '../../../platform/adapters/table/keys';
import { putTenantItem } from '../../../platform/adapters/table/put-tenant-item';
import { queryAll } from '../../../platform/adapters/table/query-all';
import type { NumberRegistration, StoredProfile, StoredTemplate, WhatsAppStore } from '../ports';

export const TEMPLATE_ENTITY = 'whatsapp-managed-template';
const templatesPrefix = (connectionId: string, wabaId: string) =>
  connectionChildSk(connectionId, `WAMT#${wabaId}#`);
// names have no `#`, so `order#` never prefixes `order_ready#`
const templateSk = (t: Pick<StoredTemplate, 'connectionId' | 'wabaId' | 'name' | 'language'>) =>
  `${templatesPrefix(t.connectionId, t.wabaId)}${t.name}#${t.language}`;

function strip<T>(tenantId: string, item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return { tenantId, ...rest } as T;
}

export class DynamoWhatsAppStore implements WhatsAppStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putTemplates(templates: StoredTemplate[]): Promise<void> {
    await batchWrite(
      this.db,
      this.tableName,
      templates.map(({ tenantId, ...t }) => ({
        pk: tenantPk(tenantId),
        sk: templateSk(t),
        entity: TEMPLATE_ENTITY,
        ...t,
      })),
    );
  }

  async listTemplates(tenantId: string, connectionId: string, wabaId: string): Promise<StoredTemplate[]> {
    return (await this.templateItems(tenantId, templatesPrefix(connectionId, wabaId))).map((i) =>
      strip<StoredTemplate>(tenantId, i),
    );
  }

  async deleteTemplates(
    tenantId: string,
    connectionId: string,
    wabaId: string,
    name: string,
  ): Promise<number> {
    const items = await this.templateItems(tenantId, `${templatesPrefix(connectionId, wabaId)}${name}#`);
    await batchWrite(
      this.db,
      this.tableName,
      [],
      items.map((i) => ({ pk: i.pk, sk: i.sk })),
    );
    return items.length;
  }

  async putProfile({ tenantId, ...p }: StoredProfile): Promise<void> {
    await putTenantItem(this.db, this.tableName, {
      tenantId,
      sk: connectionChildSk(p.connectionId, `WAPROF#${p.phoneNumberId}`),
      entity: 'whatsapp-business-profile',
      ...p,
    });
  }

  async putRegistration({ tenantId, ...r }: NumberRegistration): Promise<void> {
    await putTenantItem(this.db, this.tableName, {
      tenantId,
      sk: connectionChildSk(r.connectionId, `WAREG#${r.phoneNumberId}`),
      entity: 'whatsapp-number-registration',
      ...r,
    });
  }

  private templateItems(tenantId: string, prefix: string) {
    return queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': prefix },
    });
  }
}
