import { SQSClient } from '@aws-sdk/client-sqs';

export const awsSqs = (): SQSClient => new SQSClient({});
