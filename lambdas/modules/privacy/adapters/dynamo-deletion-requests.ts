import type { DeletionRequest, DeletionRequestClaim, DeletionRequestRepository } from '../ports';
import { TableStore } from '../../../platform/adapters/table/table-store';

const pk = (code: string) => `DELETION#${code}`;
const claimKey = (digest: string) => ({ pk: `DELETION#REQUEST#${digest}`, sk: 'CLAIM' });

/**
 * One item for the request and one per connection, so workers purging different connections of the
 * same request never overwrite each other; the request completes when every connection item is purged.
 */
export class DynamoDeletionRequests extends TableStore implements DeletionRequestRepository {
  async create(r: DeletionRequest, expiresAt: Date): Promise<void> {
    const ttl = Math.floor(expiresAt.getTime() / 1000);
    const { connections, ...head } = r;
    await this.writeItem({
      pk: pk(r.code),
      sk: 'REQUEST',
      entity: 'deletion-request',
      expiresAt: ttl,
      ...head,
    });
    await this.writeBatch(
      connections.map((c) => ({
        pk: pk(r.code),
        sk: `CON#${c.tenantId}#${c.connectionId}`,
        entity: 'deletion-request-connection',
        expiresAt: ttl,
        tenantId: c.tenantId,
        purgedConnectionId: c.connectionId,
      })),
    );
  }

  async claimRequest(
    digest: string,
    claim: { code: string; now: Date; leaseUntil: Date; expiresAt: Date },
  ): Promise<DeletionRequestClaim> {
    const leaseUntil = claim.leaseUntil.toISOString();
    if (
      await this.writeItemIf(
        {
          ...claimKey(digest),
          entity: 'deletion-request-claim',
          code: claim.code,
          done: false,
          leaseUntil,
          expiresAt: Math.floor(claim.expiresAt.getTime() / 1000),
        },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      )
    )
      return { code: claim.code, proceed: true, reason: 'first_delivery' };
    const held = await this.readItem(claimKey(digest), true);
    const code = String(held?.code);
    if (held?.done === true) return { code, proceed: false, reason: 'replay_answered' };
    const lapsed = String(held?.leaseUntil) < claim.now.toISOString();
    if (lapsed && (await this.takeLease(digest, String(held?.leaseUntil), leaseUntil)))
      return { code, proceed: true, reason: 'resumed_after_lapse' };
    return { code, proceed: false, reason: 'replay_while_in_progress' };
  }

  private takeLease(digest: string, was: string, until: string): Promise<boolean> {
    return this.updateItemIf(claimKey(digest), {
      UpdateExpression: 'SET leaseUntil = :until',
      ConditionExpression: 'leaseUntil = :was AND done = :f',
      ExpressionAttributeValues: { ':until': until, ':was': was, ':f': false },
    });
  }

  async finishRequest(digest: string): Promise<void> {
    await this.updateItem(claimKey(digest), {
      UpdateExpression: 'SET done = :t',
      ExpressionAttributeValues: { ':t': true },
    });
  }

  async get(code: string): Promise<DeletionRequest | undefined> {
    const out = await this.queryItems({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk(code) },
    });
    const items = out.Items ?? [];
    const head = items.find((i) => i.sk === 'REQUEST');
    if (!head) return undefined;
    return {
      code: head.code,
      source: head.source,
      metaUserId: head.metaUserId,
      status: head.status,
      requestedAt: head.requestedAt,
      completedAt: head.completedAt,
      // `purgedConnectionId`, not `connectionId`: these records outlive the connection's data on purpose
      connections: items
        .filter((i) => i.sk !== 'REQUEST')
        .map((i) => ({
          tenantId: i.tenantId,
          connectionId: i.purgedConnectionId,
          ...(i.purgedAt ? { purgedAt: i.purgedAt } : {}),
          ...(typeof i.keptLeads === 'boolean' ? { keptLeads: i.keptLeads } : {}),
        })),
    };
  }

  async markPurged(
    code: string,
    tenantId: string,
    connectionId: string,
    at: string,
    outcome?: { keptLeads: boolean },
  ): Promise<DeletionRequest | undefined> {
    if (!(await this.readItem({ pk: pk(code), sk: 'REQUEST' }))) return undefined;
    await this.updateItem(
      { pk: pk(code), sk: `CON#${tenantId}#${connectionId}` },
      {
        UpdateExpression: `SET purgedAt = if_not_exists(purgedAt, :at)${outcome ? ', keptLeads = :k' : ''}`,
        ExpressionAttributeValues: { ':at': at, ...(outcome ? { ':k': outcome.keptLeads } : {}) },
      },
    );
    const request = await this.get(code);
    if (request && request.status !== 'completed' && request.connections.every((c) => c.purgedAt)) {
      await this.updateItem(
        { pk: pk(code), sk: 'REQUEST' },
        {
          UpdateExpression: 'SET #s = :s, completedAt = :at',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': 'completed', ':at': at },
        },
      );
      return { ...request, status: 'completed', completedAt: at };
    }
    return request;
  }
}
