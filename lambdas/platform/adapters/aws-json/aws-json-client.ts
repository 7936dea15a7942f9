/**
 * A call to an AWS service over its JSON protocol: `POST /` with `X-Amz-Target: <prefix>.<Operation>`
 * and the input as JSON, signed with SigV4, answered with JSON or with an error type
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). Failures are tried again as the SDK's
 * standard mode does (retry-decision.ts), and each call can be observed (an X-Ray subsegment in Lambda).
 *
 * Why not the SDK here: a function that makes only such calls (the webhook: PutEvents, BatchWriteItem
 * and GetSecretValue) would bundle the SDK's core, its endpoint rules and a client per service for them,
 * about 200 KiB, for three request shapes (docs/bundles.md).
 */
import { AwsCallError, errorOfAnswer } from './aws-call-error';
import type { HttpTransport } from './http-transport';
import { retryDecision, type RetryDecision } from './retry-decision';
import type { AwsJsonService } from './services';
import type { RequestSigner } from './sigv4';

/** What is told of each call: its start, then how it ended (status null when no answer came). */
export interface AwsCallObserver {
  start(call: {
    service: string;
    operation: string;
    region: string;
  }): (end: { status: number | null; requestId?: string; errorType?: string; retries: number }) => void;
}

export interface AwsJsonClientOptions {
  service: AwsJsonService;
  region: string;
  endpoint: URL;
  sign: RequestSigner;
  transport: HttpTransport;
  observer?: AwsCallObserver;
  maxAttempts?: number;
  /** how the client waits between attempts (tests pass one that does not) */
  sleep?: (ms: number) => Promise<void>;
  /** told of every retry, with the decision's reason */
  onRetry?: (operation: string, decision: RetryDecision & { retry: true }, error: AwsCallError) => void;
}

export class AwsJsonClient {
  private readonly contentType: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AwsJsonClientOptions) {
    this.contentType = `application/x-amz-json-${options.service.jsonVersion}`;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** closes the client's kept-alive sockets */
  destroy(): void {
    this.options.transport.destroy();
  }

  /** The operation's answer as parsed JSON; throws an AwsCallError once no retry is left. */
  async call(operation: string, input: object): Promise<unknown> {
    const { service, region, observer } = this.options;
    const end = observer?.start({ service: service.name, operation, region });
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      let error: AwsCallError;
      try {
        const answer = await this.attempt(operation, body);
        const requestId = header(answer.headers['x-amzn-requestid']);
        if (answer.status >= 200 && answer.status < 300) {
          end?.({ status: answer.status, retries: attempt - 1, ...(requestId ? { requestId } : {}) });
          return parseAnswer(answer.body, service.name, operation, answer.status);
        }
        error = errorOfAnswer(answer.status, answer.headers, answer.body);
      } catch (err) {
        error = err instanceof AwsCallError ? err : new AwsCallError('Error', String(err));
      }
      const decision = retryDecision(error, attempt, this.options.maxAttempts);
      if (!decision.retry) {
        error.$metadata.attempts = attempt;
        end?.({
          status: error.$metadata.httpStatusCode ?? null,
          errorType: error.name,
          retries: attempt - 1,
          ...(error.$metadata.requestId ? { requestId: error.$metadata.requestId } : {}),
        });
        throw error;
      }
      this.options.onRetry?.(operation, decision, error);
      await this.sleep(decision.delayMs);
    }
  }

  private async attempt(operation: string, body: string) {
    const { endpoint, service, sign, transport } = this.options;
    const headers: Record<string, string> = {
      'content-type': this.contentType,
      'x-amz-target': `${service.targetPrefix}.${operation}`,
    };
    const signed = await sign({ url: endpoint, headers, body });
    return transport.send({ url: endpoint, headers: signed, body });
  }
}

const header = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

function parseAnswer(body: string, service: string, operation: string, status: number): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new AwsCallError(
      'SerializationException',
      `${service} ${operation} answered ${status} with a body that is not JSON`,
      {
        httpStatusCode: status,
      },
    );
  }
}
