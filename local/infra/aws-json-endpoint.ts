/**
 * One local AWS service over the awsJson 1.1 protocol, the wire format EventBridge, KMS and Secrets Manager
 * share: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a JSON body, answered with JSON, or with
 * an error as HTTP 4xx/5xx, `{"__type": "<ErrorName>", "message": "…"}` and the `x-amzn-ErrorType` header,
 * which is how the SDK v3 names the exception it throws.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 *
 * The server binds to loopback on a free port in this process, like the other local stand-ins: cheap
 * enough for the token vault's hot path (one Decrypt per Page token a worker uses).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { silentLog, type LocalLog } from '../log';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

export const AWS_JSON_11 = 'application/x-amz-json-1.1';

/** An error the service answers with; `type` becomes `__type`, the exception name the SDK throws. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type AwsJsonOperation = (input: Record<string, unknown>) => unknown;

export interface AwsJsonEndpointOptions {
  /** for log lines */
  name: string;
  /** the X-Amz-Target prefix, e.g. `TrentService` (KMS) */
  targetPrefix: string;
  operations: Readonly<Record<string, AwsJsonOperation>>;
  /** a bigger body is refused unread (default 1 MiB) */
  maxBodyBytes?: number;
  /**
   * Requests that are not protocol calls (e.g. the bus's `GET /_bus/events`). Return true when it
   * answered; otherwise the request is a 404.
   */
  otherRoute?(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean;
  log?: LocalLog;
}

/** `url` is the SDK client's endpoint. */
export type AwsJsonEndpoint = LoopbackServer;

export async function startAwsJsonEndpoint(options: AwsJsonEndpointOptions): Promise<AwsJsonEndpoint> {
  const log = options.log ?? silentLog;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const prefix = `${options.targetPrefix}.`;

  const answer = async (target: string, body: Buffer): Promise<unknown> => {
    const operation = options.operations[target.slice(prefix.length)];
    if (!operation) throw new AwsServiceError('UnknownOperationException', `${target} is not served locally`);
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      throw new AwsServiceError('SerializationException', 'Request body is not valid JSON');
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw new AwsServiceError('SerializationException', 'Request body is not a JSON object');
    return operation(input as Record<string, unknown>);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://aws.local');
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(prefix)) {
      if (options.otherRoute?.(req, res, url)) return;
      req.resume();
      return sendJson(res, 404, 'application/json', { message: 'Not Found' });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      req.resume();
      return sendAwsError(res, new AwsServiceError('ValidationException', 'Request too large', 413));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', () => {
      if (size > maxBody)
        return sendAwsError(res, new AwsServiceError('ValidationException', 'Request too large', 413));
      void (async () => {
        try {
          sendJson(res, 200, AWS_JSON_11, await answer(target, Buffer.concat(chunks)));
        } catch (err) {
          if (err instanceof AwsServiceError) return sendAwsError(res, err);
          log.error(options.name, `${target} failed`, err);
          sendAwsError(res, new AwsServiceError('InternalFailure', `local ${options.name} error`, 500));
        }
      })();
    });
  });
  return listenOnLoopback(server);
}

export function sendJson(res: http.ServerResponse, status: number, contentType: string, body: unknown) {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendAwsError(res: http.ServerResponse, err: AwsServiceError) {
  res.setHeader('x-amzn-errortype', err.type);
  sendJson(res, err.status, AWS_JSON_11, { __type: err.type, message: err.message });
}

/** AWS's wording for a missing or mistyped member, e.g. `Value null at 'keyId' failed to satisfy …`. */
export function requireString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value === 'string' && value !== '') return value;
  throw validation(member, value === undefined || value === null ? 'must not be null' : 'must be a string');
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(member, 'must be a string');
  return value;
}

export function validation(member: string, constraint: string): AwsServiceError {
  const name = member[0]!.toLowerCase() + member.slice(1);
  return new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member ${constraint}`,
  );
}
