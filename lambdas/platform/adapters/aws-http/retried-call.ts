/**
 * One AWS operation over HTTP, attempted until it succeeds or the retry decision (retry-decision.ts) says
 * stop, and told to an observer once (an X-Ray subsegment in Lambda), whatever the protocol: the JSON
 * services' client and S3's objects share it.
 */
import { AwsCallError } from './aws-call-error';
import type { HttpAnswer } from './http-transport';
import { retryDecision, type RetryDecision } from './retry-decision';

/** What is told of each call: its start, then how it ended (status null when no answer came). */
export interface AwsCallObserver {
  start(call: {
    service: string;
    operation: string;
    region: string;
  }): (end: { status: number | null; requestId?: string; errorType?: string; retries: number }) => void;
}

export interface CallPolicy {
  observer?: AwsCallObserver;
  maxAttempts?: number;
  /** how the call waits between attempts (tests pass one that does not) */
  sleep?: (ms: number) => Promise<void>;
  /** told of every retry, with the decision's reason */
  onRetry?: (operation: string, decision: RetryDecision & { retry: true }, error: AwsCallError) => void;
}

export interface AnswerReading<T> {
  /** a 2xx answer's value */
  read(answer: HttpAnswer): T;
  /** the error a non-2xx answer stands for */
  error(answer: HttpAnswer): AwsCallError;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function retriedCall<T>(
  call: { service: string; operation: string; region: string },
  policy: CallPolicy,
  attempt: () => Promise<HttpAnswer>,
  reading: AnswerReading<T>,
): Promise<T> {
  const end = policy.observer?.start(call);
  for (let n = 1; ; n++) {
    let error: AwsCallError;
    try {
      const answer = await attempt();
      if (answer.status >= 200 && answer.status < 300) {
        const requestId = requestIdOf(answer);
        end?.({ status: answer.status, retries: n - 1, ...(requestId ? { requestId } : {}) });
        return reading.read(answer);
      }
      error = reading.error(answer);
    } catch (err) {
      error = err instanceof AwsCallError ? err : new AwsCallError('Error', String(err));
    }
    const decision = retryDecision(error, n, policy.maxAttempts);
    if (!decision.retry) {
      error.$metadata.attempts = n;
      end?.({
        status: error.$metadata.httpStatusCode ?? null,
        errorType: error.name,
        retries: n - 1,
        ...(error.$metadata.requestId ? { requestId: error.$metadata.requestId } : {}),
      });
      throw error;
    }
    policy.onRetry?.(call.operation, decision, error);
    await (policy.sleep ?? wait)(decision.delayMs);
  }
}

/** The JSON services name it x-amzn-RequestId, S3 x-amz-request-id. */
export function requestIdOf(answer: Pick<HttpAnswer, 'headers'>): string | undefined {
  const id = answer.headers['x-amzn-requestid'] ?? answer.headers['x-amz-request-id'];
  return typeof id === 'string' ? id : undefined;
}
