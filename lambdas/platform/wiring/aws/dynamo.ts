import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { untraced, type Traced } from './traced';

/** The table's document client in Lambda (credentials and region from the function's environment). */
export const awsDynamo = (trace: Traced = untraced): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(trace.sdk(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
