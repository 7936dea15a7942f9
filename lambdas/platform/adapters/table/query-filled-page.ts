import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../core/ports';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * One page of a Query whose filter may thin what each read returns: reads on until the page is full or the
 * range ends, so a filtered page never comes back short while more items match. The cursor is bound to the
 * partition it was made for (`cursorKey`), so another tenant's cursor is refused, not followed.
 */
export async function queryFilledPage<T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
  cursorKey: Record<string, string>,
  toItem: (item: Record<string, unknown>) => T | undefined,
): Promise<Page<T>> {
  const items: T[] = [];
  let start = decodeCursor(page.cursor, cursorKey);
  do {
    const out = await db.send(
      new QueryCommand({ ...query, Limit: page.limit - items.length, ExclusiveStartKey: start }),
    );
    for (const raw of out.Items ?? []) {
      const item = toItem(raw);
      if (item !== undefined) items.push(item);
    }
    start = out.LastEvaluatedKey;
  } while (start && items.length < page.limit);
  return { items, nextCursor: encodeCursor(start) };
}
