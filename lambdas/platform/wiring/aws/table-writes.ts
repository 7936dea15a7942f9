import { dynamoDbApi, type DynamoDbApi } from '../../adapters/aws-http/dynamodb-api';
import { DYNAMODB } from '../../adapters/aws-http/services';
import type { Env } from '../env';
import { lambdaJsonClient } from './json-clients';
import type { Traced } from './traced';

/** The table's BatchWriteItem in Lambda over the JSON client, for a function with no other table call. */
export const awsTableWrites = (trace: Traced, env: Env): DynamoDbApi =>
  dynamoDbApi(lambdaJsonClient(DYNAMODB, env, trace.calls));
