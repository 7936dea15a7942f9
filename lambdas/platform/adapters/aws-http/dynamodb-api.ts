/**
 * DynamoDB's BatchWriteItem over the JSON protocol, for a function that only writes whole items (the
 * webhook's parking). Items are marshalled with the SDK's own marshaller (@aws-sdk/util-dynamodb), with
 * the same options as the functions' document client, so an item is stored alike on both paths
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 */
import { marshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import * as z from '../../contracts/zod';
import type { AwsJsonClient } from './aws-json-client';
import { readAnswer } from './read-answer';

/** A put in DynamoDB's wire form, as sent and as handed back unprocessed. */
export interface MarshalledPut {
  PutRequest: { Item: Record<string, unknown> };
}

const BatchWriteAnswer = z.object({
  UnprocessedItems: z.optional(
    z.record(
      z.string(),
      z.array(z.object({ PutRequest: z.object({ Item: z.record(z.string(), z.unknown()) }) })),
    ),
  ),
});

export interface DynamoDbApi {
  /** Writes up to 25 puts; returns those DynamoDB left unprocessed. */
  batchWriteItem(tableName: string, puts: MarshalledPut[]): Promise<MarshalledPut[]>;
}

export const marshalledPut = (item: Record<string, NativeAttributeValue>): MarshalledPut => ({
  PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
});

export const dynamoDbApi = (client: AwsJsonClient): DynamoDbApi => ({
  async batchWriteItem(tableName, puts) {
    const answer = readAnswer(
      BatchWriteAnswer,
      await client.call('BatchWriteItem', { RequestItems: { [tableName]: puts } }),
      'BatchWriteItem',
    );
    return answer.UnprocessedItems?.[tableName] ?? [];
  },
});
