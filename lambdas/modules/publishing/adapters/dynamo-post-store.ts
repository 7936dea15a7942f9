import { notFound } from '../../../platform/core/errors';
import type { Page, PageRequest } from '../../../platform/core/ports';
import type { PostStore } from '../ports';
import type { PostRecord, PostStatus, TargetState } from '../core/post';
import { GSIS } from '../../../platform/contracts/table-schema';
import {
  TableStore,
  whenConditionHolds,
  withoutTableAttributes,
  type ItemUpdate,
} from '../../../platform/adapters/table/table-store';
import { tenantKey, tenantPk } from '../../../platform/adapters/table/keys';

const DUE = 'DUEPOSTS';
const postSk = (id: string) => `POST#${id}`;
const strip = (item: Record<string, unknown>) => withoutTableAttributes<PostRecord>(item);

/** Posts wait on the due list (gsi2, ordered by due time) from approval until the scheduler claims them. */
export class DynamoPostStore extends TableStore implements PostStore {
  async put(post: PostRecord): Promise<void> {
    const due = post.status === 'approved' || post.status === 'scheduled';
    const dueAt = dueAtOf(post);
    await this.writeItem({
      pk: tenantPk(post.tenantId),
      sk: postSk(post.id),
      entity: 'post',
      ...(due ? { gsi2pk: DUE, gsi2sk: `${dueAt}#${post.tenantId}#${post.id}` } : {}),
      ...post,
    });
  }

  get(tenantId: string, postId: string): Promise<PostRecord | undefined> {
    return this.readRecord<PostRecord>(tenantKey(tenantId, postSk(postId)));
  }

  async list(tenantId: string, page: PageRequest, status?: string): Promise<Page<PostRecord>> {
    const pk = tenantPk(tenantId);
    return this.queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        FilterExpression: status ? '#s = :s' : undefined,
        ExpressionAttributeNames: status ? { '#s': 'status' } : undefined,
        ExpressionAttributeValues: { ':pk': pk, ':p': 'POST#', ...(status ? { ':s': status } : {}) },
        ScanIndexForward: false,
      },
      page,
      { pk },
      strip,
    );
  }

  async delete(tenantId: string, postId: string): Promise<void> {
    await this.removeItem(tenantKey(tenantId, postSk(postId)));
  }

  async updateTarget(tenantId: string, postId: string, key: string, state: TargetState): Promise<PostRecord> {
    const updated = await this.updateOrMissing(tenantId, postId, {
      UpdateExpression: 'SET targetStates.#k = :v',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: { ':v': state },
    });
    if (!updated) throw notFound(`Post ${postId}`);
    return updated;
  }

  async unclaim(post: PostRecord): Promise<void> {
    const scheduled = post.scheduledAt && Date.parse(post.scheduledAt) > Date.now();
    // the post was edited, deleted or settled meanwhile (the condition fails): nothing to put back
    await this.updateItemIf(tenantKey(post.tenantId, postSk(post.id)), {
      UpdateExpression: 'SET gsi2pk = :d, gsi2sk = :due, #s = :s',
      ConditionExpression: 'attribute_exists(pk) AND #s = :publishing',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':d': DUE,
        ':due': `${dueAtOf(post)}#${post.tenantId}#${post.id}`,
        ':s': scheduled ? 'scheduled' : 'approved',
        ':publishing': 'publishing',
      },
    });
  }

  async leaseTarget(tenantId: string, postId: string, key: string, until: string, now: string) {
    return this.updateOrMissing(tenantId, postId, {
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
    });
  }

  async setStatus(tenantId: string, postId: string, status: PostStatus): Promise<void> {
    await this.updateItem(tenantKey(tenantId, postSk(postId)), {
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    });
  }

  async listDue(before: string, limit: number) {
    const out = await this.queryItems({
      IndexName: GSIS.byTenantSecondary.indexName,
      KeyConditionExpression: 'gsi2pk = :d AND gsi2sk <= :b',
      ExpressionAttributeValues: { ':d': DUE, ':b': `${before}~` },
      Limit: limit,
    });
    return (out.Items ?? []).map((i) => ({ tenantId: i.tenantId as string, postId: i.id as string }));
  }

  async claimDue(tenantId: string, postId: string): Promise<boolean> {
    return this.updateItemIf(tenantKey(tenantId, postSk(postId)), {
      UpdateExpression: 'REMOVE gsi2pk, gsi2sk SET #s = :publishing',
      ConditionExpression: 'gsi2pk = :d',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':d': DUE, ':publishing': 'publishing' },
    });
  }

  /** A conditional update of a post: the post as it now stands, or undefined when the condition failed. */
  private async updateOrMissing(
    tenantId: string,
    postId: string,
    update: ItemUpdate,
  ): Promise<PostRecord | undefined> {
    const updated = await whenConditionHolds(
      this.updateItem(tenantKey(tenantId, postSk(postId)), { ...update, ReturnValues: 'ALL_NEW' }),
    );
    return updated ? strip(updated) : undefined;
  }
}

/** A post is due at its schedule, or at its approval when that came later (or there is no schedule). */
function dueAtOf(post: PostRecord): string {
  const approvedAt = post.approval?.at ?? post.updatedAt;
  return post.scheduledAt && Date.parse(post.scheduledAt) > Date.parse(approvedAt)
    ? post.scheduledAt
    : approvedAt;
}
