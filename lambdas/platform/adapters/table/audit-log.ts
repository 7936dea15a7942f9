import type { AuditEntry } from '../../core/audit-entry';
import type { AuditFilter, AuditLog, Page, PageRequest } from '../../core/ports';
import { auditPk } from './keys';
import { decodeCursor, encodeCursor } from './cursor';
import { fixedTtlFor } from '../../core/retention-policy';
import { TableStore, withoutTableAttributes } from './table-store';

export class DynamoAuditLog extends TableStore implements AuditLog {
  async record(entry: AuditEntry): Promise<void> {
    await this.writeItem({
      pk: auditPk(entry.tenantId),
      sk: `${entry.at}#${entry.id}`,
      entity: 'audit',
      expiresAt: fixedTtlFor('audit', new Date(entry.at)).expiresAt,
      ...entry,
    });
  }

  async list(tenantId: string, page: PageRequest, filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
    const pk = auditPk(tenantId);
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': pk };
    if (filter.action) {
      conditions.push('#a = :a');
      names['#a'] = 'action';
      values[':a'] = filter.action;
    }
    if (filter.target) {
      conditions.push('#t = :t');
      names['#t'] = 'target';
      values[':t'] = filter.target;
    }
    const items: Record<string, unknown>[] = [];
    let start = decodeCursor(page.cursor, { pk });
    // a filter reads past entries it drops: keep reading (a bounded number of pages) to fill the page
    for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
      const out = await this.queryItems({
        KeyConditionExpression: 'pk = :pk',
        ...(conditions.length > 0
          ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }
          : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: start,
      });
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
      if (!start || items.length >= page.limit) break;
    }
    if (items.length > page.limit) {
      items.length = page.limit;
      const last = items[items.length - 1]!;
      start = { pk: last.pk, sk: last.sk };
    }
    return { items: items.map(toEntry), nextCursor: encodeCursor(start) };
  }
}

/** Reads one page of a filtered list may take before it answers with what it found and a cursor. */
const MAX_READS_PER_PAGE = 10;

function toEntry(i: Record<string, unknown>): AuditEntry {
  return withoutTableAttributes<AuditEntry>(i, 'expiresAt');
}
