import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { DeletionRequest, DeletionRequestClaim, DeletionRequestRepository } from '../ports';
import { batchWrite } from '../../../platform/adapters/table/batch-write';

const pk = (code: string) => `DELETION#${code}`;
const claimKey = (digest: string) => ({ pk: `DELETION#REQUEST#${digest}`, sk: 'CLAIM' });

/**
 * One item for the request and one per connection, so workers purging different connections of the
 * same request never overwrite each other; the request completes when every connection item is purged.
 */
export class DynamoDeletionRequests implements DeletionRequestRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(r: DeletionRequest, expiresAt: Date): Promise<void> {
    const ttl = Math.floor(expiresAt.getTime() / 1000);
    const { connections, ...head } = r;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: pk(r.code), sk: 'REQUEST', entity: 'deletion-request', expiresAt: ttl, ...head },
      }),
    );
    await batchWrite(
      this.db,
      this.tableName,
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
      await this.conditionalPut({
        ...claimKey(digest),
        entity: 'deletion-request-claim',
        code: claim.code,
        done: false,
        leaseUntil,
        expiresAt: Math.floor(claim.expiresAt.getTime() / 1000),
      })
    )
      return { code: claim.code, proceed: true, reason: 'first_delivery' };
    const held = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(digest), ConsistentRead: true }),
    );
    const code = String(held.Item?.code);
    if (held.Item?.done === true) return { code, proceed: false, reason: 'replay_answered' };
    const lapsed = String(held.Item?.leaseUntil) < claim.now.toISOString();
    if (lapsed && (await this.takeLease(digest, String(held.Item?.leaseUntil), leaseUntil)))
      return { code, proceed: true, reason: 'resumed_after_lapse' };
    return { code, proceed: false, reason: 'replay_while_in_progress' };
  }

  private async conditionalPut(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  private async takeLease(digest: string, was: string, until: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: claimKey(digest),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: 'leaseUntil = :was AND done = :f',
          ExpressionAttributeValues: { ':until': until, ':was': was, ':f': false },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async finishRequest(digest: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: claimKey(digest),
        UpdateExpression: 'SET done = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
  }

  async get(code: string): Promise<DeletionRequest | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(code) },
      }),
    );
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
    const head = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(code), sk: 'REQUEST' } }),
    );
    if (!head.Item) return undefined;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: pk(code), sk: `CON#${tenantId}#${connectionId}` },
        UpdateExpression: `SET purgedAt = if_not_exists(purgedAt, :at)${outcome ? ', keptLeads = :k' : ''}`,
        ExpressionAttributeValues: { ':at': at, ...(outcome ? { ':k': outcome.keptLeads } : {}) },
      }),
    );
    const request = await this.get(code);
    if (request && request.status !== 'completed' && request.connections.every((c) => c.purgedAt)) {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(code), sk: 'REQUEST' },
          UpdateExpression: 'SET #s = :s, completedAt = :at',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': 'completed', ':at': at },
        }),
      );
      return { ...request, status: 'completed', completedAt: at };
    }
    return request;
  }
}
