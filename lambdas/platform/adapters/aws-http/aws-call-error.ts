/**
 * A failed AWS call, shaped as the SDK shapes its exceptions (`name` is the error type the service
 * answered with, `$metadata.httpStatusCode` its status, `code` a Node network error's code), so the SDK's
 * own error classification (@smithy/service-error-classification) decides what is worth another try.
 */
export class AwsCallError extends Error {
  readonly $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };

  constructor(
    name: string,
    message: string,
    meta: { httpStatusCode?: number; requestId?: string } = {},
    readonly code?: string,
  ) {
    super(message);
    this.name = name;
    this.$metadata = { ...meta };
  }
}

/**
 * The error of an awsJson answer: its type from the body's `__type` or the `x-amzn-ErrorType` header,
 * without the namespace before `#` and the URI after `:`
 * (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization).
 */
export function errorOfAnswer(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): AwsCallError {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object') parsed = value;
  } catch {
    // a body that is not JSON (a proxy's page) still has its status
  }
  const header = headers['x-amzn-errortype'];
  const raw =
    (typeof header === 'string' ? header : undefined) ??
    (typeof parsed.__type === 'string' ? parsed.__type : undefined) ??
    (status >= 500 ? 'InternalFailure' : 'UnknownError');
  const type = raw.split(':')[0]!.split('#').pop()!;
  const message = typeof parsed.message === 'string' ? parsed.message : parsed.Message;
  const requestId = headers['x-amzn-requestid'];
  return new AwsCallError(type, typeof message === 'string' ? message : `HTTP ${status}`, {
    httpStatusCode: status,
    ...(typeof requestId === 'string' ? { requestId } : {}),
  });
}
