/**
 * What S3Objects sends without a server: where an object is, how its key is encoded, what a presigned
 * URL carries, and how S3's XML errors read. Its calls to S3 are tested against the local S3 front
 * (test/modules/privacy/s3-export-store.test.ts).
 */
import { S3Objects, s3Error } from '../../../../lambdas/platform/adapters/aws-http/s3-objects';
import { httpTransport } from '../../../../lambdas/platform/adapters/aws-http/http-transport';

const objects = (endpoint?: string) =>
  new S3Objects({
    bucket: 'exports-1',
    region: 'eu-west-1',
    ...(endpoint ? { endpoint: new URL(endpoint) } : {}),
    credentials: () => ({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 'token/+=' }),
    transport: httpTransport(),
    now: () => new Date('2026-12-05T10:00:00Z'),
  });

test('an object is on the bucket’s virtual host, or path-style under a configured endpoint', () => {
  expect(objects().objectUrl('exports/t/e.jsonl').href).toBe(
    'https://exports-1.s3.eu-west-1.amazonaws.com/exports/t/e.jsonl',
  );
  expect(objects('http://127.0.0.1:4566').objectUrl('exports/t/e.jsonl').href).toBe(
    'http://127.0.0.1:4566/exports-1/exports/t/e.jsonl',
  );
});

test('each segment of a key is percent-encoded once, the slashes kept', () => {
  expect(objects().objectUrl("exports/a b/ł(1)*!'.jsonl").pathname).toBe(
    '/exports/a%20b/%C5%82%281%29%2A%21%27.jsonl',
  );
});

test('a presigned GET carries the credential scope, the expiry, the session token and only host as signed header', async () => {
  const url = new URL(await objects().presignGet('exports/t/e.jsonl', 3600));
  expect(url.origin + url.pathname).toBe('https://exports-1.s3.eu-west-1.amazonaws.com/exports/t/e.jsonl');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'ASIAEXAMPLE/20261205/eu-west-1/s3/aws4_request',
    'X-Amz-Date': '20261205T100000Z',
    'X-Amz-Expires': '3600',
    'X-Amz-Security-Token': 'token/+=',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  // the token's reserved characters are encoded in the URL, not left for a reader to misread
  expect(url.search).toContain('X-Amz-Security-Token=token%2F%2B%3D');
});

test('a link lives one second to seven days', async () => {
  await expect(objects().presignGet('k', 0)).rejects.toThrow(
    'a presigned URL lives 1 to 604800 seconds, not 0',
  );
  await expect(objects().presignGet('k', 604_801)).rejects.toThrow(RangeError);
});

test('S3’s XML error reads as its code and message; a body without one as its status', () => {
  expect(
    s3Error(
      404,
      '<?xml version="1.0"?><Error><Code>NoSuchBucket</Code><Message>The bucket does not exist</Message></Error>',
      'r1',
    ),
  ).toMatchObject({
    name: 'NoSuchBucket',
    message: 'The bucket does not exist',
    $metadata: { httpStatusCode: 404, requestId: 'r1' },
  });
  expect(s3Error(503, '')).toMatchObject({ name: 'InternalError', $metadata: { httpStatusCode: 503 } });
  expect(s3Error(403, '')).toMatchObject({ name: 'Http403', message: 'HTTP 403' });
});
