import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryFilledPage } from '../../../platform/adapters/table/query-filled-page';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GSIS } from '../../../platform/contracts/table-schema';
import { tenantPk } from '../../../platform/adapters/table/keys';
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

export class DynamoLeadStore implements LeadStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(
    lead: LeadRecord,
    expiresAt: number,
  ): Promise<{ created: boolean; lead: LeadRecord } | { created: false; erased: true }> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: tenantPk(lead.tenantId),
            sk: leadSk(lead.id),
            gsi2pk: leadsIndexPk(lead.tenantId),
            gsi2sk: `${lead.createdAt}#${lead.id}`,
            entity: 'lead',
            expiresAt,
            ...lead,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, lead };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const existing = await this.item(lead.tenantId, lead.id);
      if (existing?.entity === ERASED) return { created: false, erased: true };
      if (!existing) throw err;
      return { created: false, lead: stripLead(existing) };
    }
  }

  async markEventPublished(tenantId: string, leadId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: leadSk(leadId) },
        UpdateExpression: 'SET eventPublished = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
  }

  private async item(tenantId: string, leadId: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: leadSk(leadId) } }),
    );
    return out.Item;
  }

  async get(tenantId: string, leadId: string): Promise<LeadRecord | undefined> {
    const item = await this.item(tenantId, leadId);
    return item && item.entity !== ERASED ? stripLead(item) : undefined;
  }

  async erase(tenantId: string, leadId: string, at: string): Promise<LeadRecord | undefined> {
    const lead = await this.get(tenantId, leadId);
    if (!lead) return undefined;
    const before = await this.item(tenantId, leadId);
    try {
      // the tombstone keeps what finds it again (ids, the connection for a purge) and no answer
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
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
          ConditionExpression: 'entity = :lead',
          ExpressionAttributeValues: { ':lead': 'lead' },
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
    return lead;
  }

  async list(tenantId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>> {
    const pk = leadsIndexPk(tenantId);
    const names: Record<string, string> = {};
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
    const filters: string[] = [];
    for (const key of ['formId', 'pageId', 'status'] as const) {
      if (filter[key]) {
        names[`#${key}`] = key;
        values[`:${key}`] = filter[key];
        filters.push(`#${key} = :${key}`);
      }
    }
    return queryFilledPage(
      this.db,
      {
        TableName: this.tableName,
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: keyCondition,
        FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      page,
      { gsi2pk: pk },
      stripLead,
    );
  }

  async updateStatus(tenantId: string, leadId: string, status: string, at: string): Promise<LeadRecord> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(tenantId), sk: leadSk(leadId) },
          UpdateExpression: 'SET #s = :s, statusChangedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND entity = :lead',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status, ':at': at, ':lead': 'lead' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripLead(out.Attributes ?? {});
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw notFound(`Lead ${leadId}`);
      throw err;
    }
  }

  async getMapping(tenantId: string, formId: string): Promise<FieldMapping | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: `FORMMAP#${formId}` } }),
    );
    return out.Item?.mapping as FieldMapping | undefined;
  }

  async putMapping(tenantId: string, formId: string, mapping: FieldMapping, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(tenantId),
          sk: `FORMMAP#${formId}`,
          entity: 'form-mapping',
          formId,
          mapping,
          updatedAt: at,
        },
      }),
    );
  }

  async savePending(p: PendingLead): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: tenantPk(p.tenantId),
            // one pending record per lead and tenant: whichever connection fetches it later clears it
            sk: `PENDING#${p.leadgenId}`,
            entity: 'pending-lead',
            ...p,
          },
          // the first reason and time stand: a redelivery after the token expired would otherwise
          // replace "token_password_changed" with its consequence, "connection_expired"
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  async deletePending(tenantId: string, leadgenId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: `PENDING#${leadgenId}` },
      }),
    );
  }
}

function stripLead(item: Record<string, unknown>): LeadRecord {
  const { pk: _pk, sk: _sk, gsi2pk: _g1, gsi2sk: _g2, entity: _e, expiresAt: _x, ...rest } = item;
  return rest as unknown as LeadRecord;
}
