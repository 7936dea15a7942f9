import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
  type QueryCommandOutput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../core/ports';
import { batchWrite } from './batch-write';
import { decodeCursor, encodeCursor } from './cursor';
import { putTenantItem } from './put-tenant-item';
import { queryAll } from './query-all';
import { queryFilledPage } from './query-filled-page';

/** An item as the document client reads and writes it. */
export type TableItem = Record<string, unknown>;
/** The key of one item: `{ pk, sk }`. */
export type TableKey = Record<string, unknown>;
/** What makes a write conditional. */
export type WriteCondition = Pick<
  PutCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;
/** An update of one item, without the table and key the store supplies. */
export type ItemUpdate = Omit<UpdateCommandInput, 'TableName' | 'Key'>;
/** A query, without the table the store supplies. */
export type TableQuery = Omit<QueryCommandInput, 'TableName'>;

/** True when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(err: unknown): boolean {
  return (
    err instanceof ConditionalCheckFailedException ||
    (err instanceof Error && err.name === 'ConditionalCheckFailedException')
  );
}

/** Runs a conditional write: what it answers, or undefined when its condition did not hold. */
export async function whenConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (isConditionFailure(err)) return undefined;
    throw err;
  }
}

/** Runs a conditional write: true when it happened, false when its condition did not hold. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  return (await whenConditionHolds(write.then(() => true))) ?? false;
}

/**
 * Optimistic concurrency on a record that carries its revision (`rev`): a write that creates it
 * (`expectedRev` null) or replaces the revision it read, so a concurrent writer's change is never lost.
 */
export function revisionCondition(expectedRev: number | null): WriteCondition {
  return {
    ConditionExpression: expectedRev === null ? 'attribute_not_exists(pk)' : 'rev = :rev',
    ExpressionAttributeValues: expectedRev === null ? undefined : { ':rev': expectedRev },
  };
}

/**
 * What every store over the single table repeated: holding the client and the table's name, and the same
 * few calls (read an item by key, write or update one, conditionally or not, query a range whole or one
 * page with a cursor bound to its partition). A store extends it and keeps only its layout: keys, entity
 * names and what it strips on the way out.
 */
export abstract class TableStore {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  /** The item at `key` as stored, or undefined. */
  protected async readItem(key: TableKey, consistent = false): Promise<TableItem | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    );
    return out.Item;
  }

  /** Writes `item`, replacing any at its key (or failing when `condition` does not hold). */
  protected async writeItem(item: TableItem, condition: WriteCondition = {}): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition }));
  }

  /** The record stored at `key` (see withoutTableAttributes), or undefined. */
  protected async readRecord<T>(key: TableKey, ...also: string[]): Promise<T | undefined> {
    const item = await this.readItem(key);
    return item ? withoutTableAttributes<T>(item, ...also) : undefined;
  }

  /** Writes one of a tenant's items (see putTenantItem): its partition comes from `tenantId`. */
  protected writeTenantItem(
    item: { tenantId: string; sk: string; entity: string } & TableItem,
  ): Promise<void> {
    return putTenantItem(this.db, this.tableName, item);
  }

  /** Writes `item` when `condition` holds; false when it did not. */
  protected writeItemIf(item: TableItem, condition: WriteCondition): Promise<boolean> {
    return conditionHeld(this.writeItem(item, condition));
  }

  /** Updates the item at `key`; answers its attributes when the update asks for them. */
  protected async updateItem(key: TableKey, update: ItemUpdate): Promise<TableItem | undefined> {
    const out = await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...update }));
    return out.Attributes;
  }

  /** Updates the item at `key` when the update's condition holds; false when it did not. */
  protected updateItemIf(key: TableKey, update: ItemUpdate): Promise<boolean> {
    return conditionHeld(this.updateItem(key, update));
  }

  /** Deletes the item at `key`; answers whether there was one. */
  protected async removeItem(key: TableKey): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes !== undefined;
  }

  /** One read of a query, as DynamoDB answers it. */
  protected queryItems(query: TableQuery): Promise<QueryCommandOutput> {
    return this.db.send(new QueryCommand({ TableName: this.tableName, ...query }));
  }

  /** Every item a query matches (for lists small by design). */
  protected queryEvery(query: Omit<TableQuery, 'ExclusiveStartKey'>): Promise<TableItem[]> {
    return queryAll(this.db, { TableName: this.tableName, ...query });
  }

  /**
   * One page of a query: one read of at most `page.limit` items from the cursor on, and the cursor of the
   * next. The cursor is bound to the partition it was made for (`cursorKey`).
   */
  protected async queryPage<T>(
    query: Omit<TableQuery, 'Limit' | 'ExclusiveStartKey'>,
    page: PageRequest,
    cursorKey: Record<string, string>,
    toItem: (item: TableItem) => T,
  ): Promise<Page<T>> {
    const out = await this.queryItems({
      ...query,
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, cursorKey),
    });
    return { items: (out.Items ?? []).map((i) => toItem(i)), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  /** A page a filter may thin, read on until it is full (see queryFilledPage). */
  protected queryFilledPage<T>(
    query: Omit<TableQuery, 'Limit' | 'ExclusiveStartKey'>,
    page: PageRequest,
    cursorKey: Record<string, string>,
    toItem: (item: TableItem) => T | undefined,
  ): Promise<Page<T>> {
    return queryFilledPage(this.db, { TableName: this.tableName, ...query }, page, cursorKey, toItem);
  }

  /** Writes and deletes in batches (see batchWrite). */
  protected writeBatch(puts: TableItem[], deletes: TableKey[] = []): Promise<void> {
    return batchWrite(this.db, this.tableName, puts, deletes);
  }
}

/** The attributes the table adds to a record for its keys and indexes. */
const TABLE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

/** A stored item back as the record it was made from: without its keys, index keys, entity and `also`. */
export function withoutTableAttributes<T>(item: TableItem, ...also: string[]): T {
  const out = { ...item };
  for (const k of [...TABLE_ATTRIBUTES, ...also]) delete out[k];
  return out as T;
}
