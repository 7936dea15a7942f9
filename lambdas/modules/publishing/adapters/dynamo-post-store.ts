import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { notFound } from '../../../platform/core/errors';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { PostStore } from '../ports';
import type { PostRecord, PostStatus, TargetState } from '../core/post';
import { GSIS } from '../../../platform/contracts/table-schema';
import { decodeCursor, encodeCursor } from '../../../platform/adapters/table/cursor';
import { tenantPk } from '../../../platform/adapters/table/keys';

const DUE = 'DUEPOSTS';
const postSk = (id: string) => `POST#${id}`;

/** Posts wait on the due list (gsi2, ordered by due time) from approval until the scheduler claims them. */
export class DynamoPostStore implements PostStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(post: PostRecord): Promise<void> {
    const due = post.status === 'approved' || post.status === 'scheduled';
    const dueAt = dueAtOf(post);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: tenantPk(post.tenantId),
          sk: postSk(post.id),
          entity: 'post',
          ...(due ? { gsi2pk: DUE, gsi2sk: `${dueAt}#${post.tenantId}#${post.id}` } : {}),
          ...post,
        },
      }),
    );
  }

  async get(tenantId: string, postId: string): Promise<PostRecord | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: postSk(postId) } }),
    );
    return out.Item ? strip(out.Item) : undefined;
  }

  async list(tenantId: string, page: PageRequest, status?: string): Promise<Page<PostRecord>> {
    const pk = tenantPk(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        FilterExpression: status ? '#s = :s' : undefined,
        ExpressionAttributeNames: status ? { '#s': 'status' } : undefined,
        ExpressionAttributeValues: { ':pk': pk, ':p': 'POST#', ...(status ? { ':s': status } : {}) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
      }),
    );
    return { items: (out.Items ?? []).map(strip), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async delete(tenantId: string, postId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: tenantPk(tenantId), sk: postSk(postId) } }),
    );
  }

  async updateTarget(tenantId: string, postId: string, key: string, state: TargetState): Promise<PostRecord> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(tenantId), sk: postSk(postId) },
          UpdateExpression: 'SET targetStates.#k = :v',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#k': key },
          ExpressionAttributeValues: { ':v': state },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip(out.Attributes ?? {});
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw notFound(`Post ${postId}`);
      throw err;
    }
  }

  async unclaim(post: PostRecord): Promise<void> {
    const scheduled = post.scheduledAt && Date.parse(post.scheduledAt) > Date.now();
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(post.tenantId), sk: postSk(post.id) },
          UpdateExpression: 'SET gsi2pk = :d, gsi2sk = :due, #s = :s',
          ConditionExpression: 'attribute_exists(pk) AND #s = :publishing',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':d': DUE,
            ':due': `${dueAtOf(post)}#${post.tenantId}#${post.id}`,
            ':s': scheduled ? 'scheduled' : 'approved',
            ':publishing': 'publishing',
          },
        }),
      )
      .catch((err: unknown) => {
        // the post was edited, deleted or settled meanwhile: nothing to put back
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      });
  }

  async leaseTarget(tenantId: string, postId: string, key: string, until: string, now: string) {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(tenantId), sk: postSk(postId) },
          UpdateExpression: 'SET targetStates.#k.#s = :publishing, targetStates.#k.leaseUntil = :until',
          ConditionExpression:
            'attribute_exists(targetStates.#k) AND (targetStates.#k.#s = :pending OR ' +
            '(targetStates.#k.#s = :publishing AND (attribute_not_exists(targetStates.#k.leaseUntil) ' +
            'OR targetStates.#k.leaseUntil < :now)))',
          ExpressionAttributeNames: { '#k': key, '#s': 'status' },
          ExpressionAttributeValues: {
            ':publishing': 'publishing',
            ':pending': 'pending',
            ':until': until,
            ':now': now,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return strip(out.Attributes ?? {});
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  async setStatus(tenantId: string, postId: string, status: PostStatus): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: tenantPk(tenantId), sk: postSk(postId) },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status },
      }),
    );
  }

  async listDue(before: string, limit: number) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSIS.byTenantSecondary.indexName,
        KeyConditionExpression: 'gsi2pk = :d AND gsi2sk <= :b',
        ExpressionAttributeValues: { ':d': DUE, ':b': `${before}~` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => ({ tenantId: i.tenantId as string, postId: i.id as string }));
  }

  async claimDue(tenantId: string, postId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: tenantPk(tenantId), sk: postSk(postId) },
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk SET #s = :publishing',
          ConditionExpression: 'gsi2pk = :d',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':d': DUE, ':publishing': 'publishing' },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}

/** A post is due at its schedule, or at its approval when that came later (or there is no schedule). */
function dueAtOf(post: PostRecord): string {
  const approvedAt = post.approval?.at ?? post.updatedAt;
  return post.scheduledAt && Date.parse(post.scheduledAt) > Date.parse(approvedAt)
    ? post.scheduledAt
    : approvedAt;
}

function strip(item: Record<string, unknown>): PostRecord {
  const { pk: _pk, sk: _sk, gsi2pk: _g1, gsi2sk: _g2, entity: _e, ...rest } = item;
  return rest as unknown as PostRecord;
}
