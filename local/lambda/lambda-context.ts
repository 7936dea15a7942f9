/**
 * The `context` argument Lambda passes to a handler. Handlers (and Powertools) read the request id, the
 * function name/ARN and the remaining time; the deprecated callback-style members are present but inert.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../infra/aws-clients';

export interface LambdaContextOptions {
  functionName: string;
  /** the function's configured timeout; only drives getRemainingTimeInMillis (nothing is killed locally) */
  timeoutMs?: number;
  memoryLimitInMB?: number;
  requestId?: string;
}

export function createLambdaContext(options: LambdaContextOptions): Context {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const name = options.functionName;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${name}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
