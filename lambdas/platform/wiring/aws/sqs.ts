import { SQSClient } from '@aws-sdk/client-sqs';
import { untraced, type Traced } from './traced';

export const awsSqs = (trace: Traced = untraced): SQSClient => trace.sdk(new SQSClient({}));
