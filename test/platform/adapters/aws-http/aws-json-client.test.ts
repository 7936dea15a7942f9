/**
 * The JSON client against a real HTTP server in this process that answers as an AWS JSON endpoint does:
 * what it sends, how it reads an answer and an error, and which failures it tries again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsCallError } from '../../../../lambdas/platform/adapters/aws-http/aws-call-error';
import { AwsJsonClient } from '../../../../lambdas/platform/adapters/aws-http/aws-json-client';
import type { AwsCallObserver } from '../../../../lambdas/platform/adapters/aws-http/retried-call';
import { httpTransport } from '../../../../lambdas/platform/adapters/aws-http/http-transport';
import { EVENTBRIDGE, DYNAMODB } from '../../../../lambdas/platform/adapters/aws-http/services';

interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = (res: http.ServerResponse) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': 'req-1',
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

let server: http.Server;
let endpoint: URL;
let replies: Reply[];
let seen: Seen[];
const clients: AwsJsonClient[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      (replies.shift() ?? json(200, {}))(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  replies = [];
  seen = [];
});

function client(options: { timeoutMs?: number; maxAnswerBytes?: number; observer?: AwsCallObserver } = {}) {
  const retries: string[] = [];
  const waits: number[] = [];
  const c = new AwsJsonClient({
    service: EVENTBRIDGE,
    region: 'eu-west-1',
    endpoint,
    sign: async ({ headers }) => ({ ...headers, authorization: 'signed' }),
    transport: httpTransport({
      timeoutMs: options.timeoutMs ?? 2_000,
      maxAnswerBytes: options.maxAnswerBytes ?? 1024,
    }),
    sleep: async (ms) => void waits.push(ms),
    onRetry: (_op, decision) => retries.push(decision.reason),
    ...(options.observer ? { observer: options.observer } : {}),
  });
  clients.push(c);
  return { c, retries, waits };
}

it('posts the input as JSON to / with the operation in X-Amz-Target and the signer’s headers, and returns the answer', async () => {
  replies.push(json(200, { FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));
  const { c } = client();
  await expect(c.call('PutEvents', { Entries: [{ Source: 's' }] })).resolves.toEqual({
    FailedEntryCount: 0,
    Entries: [{ EventId: 'e-1' }],
  });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({
    method: 'POST',
    path: '/',
    body: '{"Entries":[{"Source":"s"}]}',
    headers: {
      'x-amz-target': 'AWSEvents.PutEvents',
      'content-type': 'application/x-amz-json-1.1',
      'content-length': '28',
      authorization: 'signed',
    },
  });
});

it('speaks JSON 1.0 for DynamoDB', async () => {
  const c = new AwsJsonClient({
    service: DYNAMODB,
    region: 'eu-west-1',
    endpoint,
    sign: async ({ headers }) => headers,
    transport: httpTransport(),
  });
  clients.push(c);
  await c.call('BatchWriteItem', {});
  expect(seen[0]!.headers).toMatchObject({
    'x-amz-target': 'DynamoDB_20120810.BatchWriteItem',
    'content-type': 'application/x-amz-json-1.0',
  });
});

it('a refused input fails at once with the error type the service named, its message and status', async () => {
  replies.push(
    json(400, { __type: 'com.amazonaws.events#ValidationException', message: 'Detail is not JSON' }),
  );
  const { c, retries } = client();
  const error = await c.call('PutEvents', {}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AwsCallError);
  expect(error).toMatchObject({
    name: 'ValidationException',
    message: 'Detail is not JSON',
    $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 1 },
  });
  expect(seen).toHaveLength(1);
  expect(retries).toEqual([]);
});

it('reads the error type from x-amzn-ErrorType, without its URI', async () => {
  replies.push(
    json(400, {}, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/' }),
  );
  await expect(client().c.call('GetSecretValue', {})).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
});

it('a failing service is tried three times in all, waiting with jitter, then the last error is thrown', async () => {
  replies.push(
    json(500, { __type: 'InternalException' }),
    json(503, {}),
    json(500, { __type: 'InternalException' }),
  );
  const { c, retries, waits } = client();
  await expect(c.call('PutEvents', {})).rejects.toMatchObject({
    name: 'InternalException',
    $metadata: { httpStatusCode: 500, attempts: 3 },
  });
  expect(seen).toHaveLength(3);
  expect(retries).toEqual(['transient', 'transient']);
  expect(waits).toHaveLength(2);
  expect(waits[0]).toBeLessThan(200);
  expect(waits[1]).toBeLessThan(400);
});

it('throttling is tried again after a longer wait, and a later success is the answer', async () => {
  replies.push(json(400, { __type: 'ThrottlingException' }), json(200, { ok: true }));
  const { c, retries, waits } = client();
  await expect(c.call('PutEvents', {})).resolves.toEqual({ ok: true });
  expect(retries).toEqual(['throttled']);
  expect(waits[0]).toBeLessThan(1_000);
});

it('an endpoint that does not answer in time is a TimeoutError, tried again like any transient failure', async () => {
  replies.push(
    () => {},
    () => {},
    () => {},
  );
  const { c, retries } = client({ timeoutMs: 100 });
  await expect(c.call('PutEvents', {})).rejects.toMatchObject({
    name: 'TimeoutError',
    $metadata: { attempts: 3 },
  });
  expect(retries).toEqual(['transient', 'transient']);
});

it('an answer larger than the bound is dropped, and the call fails without another try', async () => {
  replies.push(json(200, { big: 'x'.repeat(5_000) }));
  const { c, retries } = client({ maxAnswerBytes: 1024 });
  await expect(c.call('PutEvents', {})).rejects.toMatchObject({ name: 'AnswerTooLarge' });
  expect(retries).toEqual([]);
});

it('a success whose body is not JSON fails, naming the service and the operation', async () => {
  replies.push(json(200, '<html>proxy</html>'));
  await expect(client().c.call('PutEvents', {})).rejects.toThrow(
    'EventBridge PutEvents answered 200 with a body that is not JSON',
  );
});

it('tells its observer of each call once, with the retries and how it ended', async () => {
  const ends: unknown[] = [];
  const observer: AwsCallObserver = {
    start: (call) => (end) => ends.push({ ...call, ...end }),
  };
  replies.push(json(500, {}), json(200, {}), json(400, { __type: 'AccessDeniedException' }));
  const { c } = client({ observer });
  await c.call('PutEvents', {});
  await c.call('PutEvents', {}).catch(() => undefined);
  expect(ends).toEqual([
    {
      service: 'EventBridge',
      operation: 'PutEvents',
      region: 'eu-west-1',
      status: 200,
      retries: 1,
      requestId: 'req-1',
    },
    {
      service: 'EventBridge',
      operation: 'PutEvents',
      region: 'eu-west-1',
      status: 400,
      retries: 0,
      requestId: 'req-1',
      errorType: 'AccessDeniedException',
    },
  ]);
});
