/**
 * Templates, business profiles and registrations in the tenant's partition, under the connection
 * (`CONX#<connectionId>#…`) and carrying `connectionId`, so the deletion worker's purge of a connection
 * finds them; profiles and registrations also carry `phoneNumberId`, so revoking the number purges them.
 */
import { connectionChildSk, tenantPk } from '../../../platform/adapters/table/keys';
import { TableStore, withoutTableAttributes } from '../../../platform/adapters/table/table-store';
import type { NumberRegistration, StoredProfile, StoredTemplate, WhatsAppStore } from '../ports';

export const TEMPLATE_ENTITY = 'whatsapp-managed-template';
const templatesPrefix = (connectionId: string, wabaId: string) =>
  connectionChildSk(connectionId, `WAMT#${wabaId}#`);
// names have no `#`, so `order#` never prefixes `order_ready#`
const templateSk = (t: Pick<StoredTemplate, 'connectionId' | 'wabaId' | 'name' | 'language'>) =>
  `${templatesPrefix(t.connectionId, t.wabaId)}${t.name}#${t.language}`;

function strip<T>(tenantId: string, item: Record<string, unknown>): T {
  return { tenantId, ...withoutTableAttributes<object>(item) } as T;
}

export class DynamoWhatsAppStore extends TableStore implements WhatsAppStore {
  async putTemplates(templates: StoredTemplate[]): Promise<void> {
    await this.writeBatch(
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
    await this.writeBatch(
      [],
      items.map((i) => ({ pk: i.pk, sk: i.sk })),
    );
    return items.length;
  }

  async putProfile({ tenantId, ...p }: StoredProfile): Promise<void> {
    await this.writeTenantItem({
      tenantId,
      sk: connectionChildSk(p.connectionId, `WAPROF#${p.phoneNumberId}`),
      entity: 'whatsapp-business-profile',
      ...p,
    });
  }

  async putRegistration({ tenantId, ...r }: NumberRegistration): Promise<void> {
    await this.writeTenantItem({
      tenantId,
      sk: connectionChildSk(r.connectionId, `WAREG#${r.phoneNumberId}`),
      entity: 'whatsapp-number-registration',
      ...r,
    });
  }

  private templateItems(tenantId: string, prefix: string) {
    return this.queryEvery({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': prefix },
    });
  }
}
