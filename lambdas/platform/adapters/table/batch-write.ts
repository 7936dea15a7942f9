import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeInBatches } from './write-in-batches';

type WriteRequest =
  { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** Puts and deletes with the document client, through writeInBatches' policy. */
export async function batchWrite(
  db: DynamoDBDocumentClient,
  tableName: string,
  puts: Record<string, unknown>[],
  deletes: Record<string, unknown>[] = [],
): Promise<void> {
  const requests: WriteRequest[] = [
    ...puts.map((Item) => ({ PutRequest: { Item } })),
    ...deletes.map((Key) => ({ DeleteRequest: { Key } })),
  ];
  await writeInBatches(requests, async (pending) => {
    const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    return out.UnprocessedItems?.[tableName] as WriteRequest[] | undefined;
  });
}
