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
import { retriedCall, type CallPolicy } from './retried-call';
import type { AwsJsonService } from './services';
import type { RequestSigner } from './sigv4';

export interface AwsJsonClientOptions extends CallPolicy {
  service: AwsJsonService;
  region: string;
  endpoint: URL;
  sign: RequestSigner;
  transport: HttpTransport;
}

export class AwsJsonClient {
  private readonly contentType: string;

  constructor(private readonly options: AwsJsonClientOptions) {
    this.contentType = `application/x-amz-json-${options.service.jsonVersion}`;
  }

  /** closes the client's kept-alive sockets */
  destroy(): void {
    this.options.transport.destroy();
  }

  /** The operation's answer as parsed JSON; throws an AwsCallError once no retry is left. */
  call(operation: string, input: object): Promise<unknown> {
    const { service, region } = this.options;
    const body = JSON.stringify(input);
    return retriedCall(
      { service: service.name, operation, region },
      this.options,
      () => this.attempt(operation, body),
      {
        read: (answer) => parseAnswer(answer.body, service.name, operation, answer.status),
        error: (answer) => errorOfAnswer(answer.status, answer.headers, answer.body),
      },
    );
  }

  private async attempt(operation: string, body: string) {
    const { endpoint, service, sign, transport } = this.options;
    const headers: Record<string, string> = {
      'content-type': this.contentType,
      'x-amz-target': `${service.targetPrefix}.${operation}`,
    };
    const signed = await sign({ method: 'POST', url: endpoint, headers, body });
    return transport.send({ method: 'POST', url: endpoint, headers: signed, body });
  }
}

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
