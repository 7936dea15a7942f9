import { GSIS } from '../../../platform/contracts/table-schema';
import { equalityFilter } from '../../../adapters/dynamodb/equality-filter';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';
import {
  TableStore,
  isConditionFailure,
  whenConditionHolds,
  withoutTableAttributes,
} from '../../../platform/adapters/table/table-store';
import { notFound } from '../../../platform/core/errors';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { FieldMapping } from '../core/field-mapping';
import type { LeadRecord } from '../core/lead';
import type { LeadFilter, LeadStore, PendingLead } from '../ports';

const leadSk = (leadId: string) => `LEAD#${leadId}`;
const leadsIndexPk = (tenantId: string) => `T#${tenantId}#LEADS`;

/** Leads, form mappings and pending leads in the tenant's partition of the single table. */
/** what an erased lead leaves behind: no answer, only what keeps it from being stored again */
const ERASED = 'lead-erased';

export class DynamoLeadStore extends TableStore implements LeadStore {
  async putIfAbsent(
    lead: LeadRecord,
    expiresAt: number,
  ): Promise<{ created: boolean; lead: LeadRecord } | { created: false; erased: true }> {
    try {
      await this.writeItem(
        {
          pk: tenantPk(lead.tenantId),
          sk: leadSk(lead.id),
          gsi2pk: leadsIndexPk(lead.tenantId),
          gsi2sk: `${lead.createdAt}#${lead.id}`,
          entity: 'lead',
          expiresAt,
          ...lead,
        },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      );
      return { created: true, lead };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const existing = await this.item(lead.tenantId, lead.id);
      if (existing?.entity === ERASED) return { created: false, erased: true };
      if (!existing) throw err;
      return { created: false, lead: stripLead(existing) };
    }
  }

  async markEventPublished(tenantId: string, leadId: string): Promise<void> {
    await this.updateItem(tenantKey(tenantId, leadSk(leadId)), {
      UpdateExpression: 'SET eventPublished = :t',
      ExpressionAttributeValues: { ':t': true },
    });
  }

  private item(tenantId: string, leadId: string): Promise<Record<string, unknown> | undefined> {
    return this.readItem(tenantKey(tenantId, leadSk(leadId)));
  }

  async get(tenantId: string, leadId: string): Promise<LeadRecord | undefined> {
    const item = await this.item(tenantId, leadId);
    return item && item.entity !== ERASED ? stripLead(item) : undefined;
  }

  async erase(tenantId: string, leadId: string, at: string): Promise<LeadRecord | undefined> {
    const lead = await this.get(tenantId, leadId);
    if (!lead) return undefined;
    const before = await this.item(tenantId, leadId);
    // the tombstone keeps what finds it again (ids, the connection for a purge) and no answer
    const erased = await this.writeItemIf(
      {
        pk: tenantPk(tenantId),
        sk: leadSk(leadId),
        entity: ERASED,
        tenantId,
        id: lead.id,
        leadgenId: lead.leadgenId,
        connectionId: lead.connectionId,
        formId: lead.formId,
        pageId: lead.pageId,
        erasedAt: at,
        ...(typeof before?.expiresAt === 'number' ? { expiresAt: before.expiresAt } : {}),
      },
      { ConditionExpression: 'entity = :lead', ExpressionAttributeValues: { ':lead': 'lead' } },
    );
    return erased ? lead : undefined;
  }

  async list(tenantId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const pk = leadsIndexPk(tenantId);
    const values: Record<string, unknown> = { ':pk': pk };
    let keyCondition = 'gsi2pk = :pk';
    if (filter.since && filter.until) {
      keyCondition += ' AND gsi2sk BETWEEN :since AND :until';
      values[':since'] = filter.since;
      values[':until'] = `${filter.until}~`;
    } else if (filter.since) {
      keyCondition += ' AND gsi2sk >= :since';
      values[':since'] = filter.since;
    } else if (filter.until) {
      keyCondition += ' AND gsi2sk <= :until';
      values[':until'] = `${filter.until}~`;
    }
    // an empty filter value filters nothing
    const equal = {
      formId: filter.formId || undefined,
      pageId: filter.pageId || undefined,
      status: filter.status || undefined,
    };
    return this.queryFilledPage(
      {
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: keyCondition,
        ...equalityFilter(equal, values),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      page,
      { gsi2pk: pk },
      stripLead,
    );
  }

  async updateStatus(tenantId: string, leadId: string, status: string, at: string): Promise<LeadRecord> {
    const updated = await whenConditionHolds(
      this.updateItem(tenantKey(tenantId, leadSk(leadId)), {
        UpdateExpression: 'SET #s = :s, statusChangedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND entity = :lead',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':at': at, ':lead': 'lead' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (!updated) throw notFound(`Lead ${leadId}`);
    return stripLead(updated);
  }

  async getMapping(tenantId: string, formId: string): Promise<FieldMapping | undefined> {
    const item = await this.readItem(tenantKey(tenantId, `FORMMAP#${formId}`));
    return item?.mapping as FieldMapping | undefined;
  }

  async putMapping(tenantId: string, formId: string, mapping: FieldMapping, at: string): Promise<void> {
    await this.writeItem({
      pk: tenantPk(tenantId),
      sk: `FORMMAP#${formId}`,
      entity: 'form-mapping',
      formId,
      mapping,
      updatedAt: at,
    });
  }

  async savePending(p: PendingLead): Promise<void> {
    await this.writeItemIf(
      {
        pk: tenantPk(p.tenantId),
        // one pending record per lead and tenant: whichever connection fetches it later clears it
        sk: `PENDING#${p.leadgenId}`,
        entity: 'pending-lead',
        ...p,
      },
      // the first reason and time stand: a redelivery after the token expired would otherwise
      // replace "token_password_changed" with its consequence, "connection_expired"
      { ConditionExpression: 'attribute_not_exists(sk)' },
    );
  }

  async deletePending(tenantId: string, leadgenId: string): Promise<void> {
    await this.removeItem(tenantKey(tenantId, `PENDING#${leadgenId}`));
  }
}

function stripLead(item: Record<string, unknown>): LeadRecord {
  return withoutTableAttributes<LeadRecord>(item, 'expiresAt');
}
