import {
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** Items as the document client returns them. */
type Items = NonNullable<QueryCommandOutput['Items']>;

/**
 * Every item a query matches, page after page. For lists that are small by design (a tenant's exports,
 * a conversation's replies, a connection's Page tokens); API listings page with a cursor instead.
 */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Items> {
  const items: Items = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
