/**
 * The signer against AWS's SigV4 test suite (post-vanilla) and against the documented algorithm,
 * computed here from node:crypto alone
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 */
import { createHash, createHmac } from 'node:crypto';
import { sigV4Signer } from '../../../../lambdas/platform/adapters/aws-http/sigv4';

const SUITE_KEYS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const SUITE_TIME = () => new Date('2015-08-30T12:36:00Z');

test('the test suite’s post-vanilla request gets the suite’s Authorization', async () => {
  const sign = sigV4Signer({
    signingName: 'service',
    region: 'us-east-1',
    credentials: () => SUITE_KEYS,
    now: SUITE_TIME,
  });
  const headers = await sign({
    method: 'POST',
    url: new URL('https://example.amazonaws.com/'),
    headers: {},
    body: '',
  });
  expect(headers['x-amz-date']).toBe('20150830T123600Z');
  expect(headers.authorization).toBe(
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  );
});

const sha256 = (d: string) => createHash('sha256').update(d).digest('hex');
const hmac = (key: string | Buffer, d: string) => createHmac('sha256', key).update(d).digest();

/** The documented steps: canonical request, string to sign, derived key, signature. */
function documentedSignature(input: {
  headers: Record<string, string>;
  signed: string[];
  body: string;
  secret: string;
  date: string;
  scope: string;
}): string {
  const canonicalHeaders = input.signed.map((h) => `${h}:${input.headers[h]!.trim()}\n`).join('');
  const canonical = ['POST', '/', '', canonicalHeaders, input.signed.join(';'), sha256(input.body)].join(
    '\n',
  );
  const toSign = ['AWS4-HMAC-SHA256', input.date, input.scope, sha256(canonical)].join('\n');
  const [day, region, service] = input.scope.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secret}`, day!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

test('a JSON call with the role’s session token signs every header it sends, as the algorithm says', async () => {
  const sign = sigV4Signer({
    signingName: 'events',
    region: 'eu-west-1',
    credentials: () => ({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'role-secret',
      sessionToken: 'role-token',
    }),
    now: () => new Date('2026-12-05T10:00:00Z'),
  });
  const body = '{"Entries":[{"Source":"s","DetailType":"d","Detail":"{}","EventBusName":"b"}]}';
  const headers = await sign({
    method: 'POST',
    url: new URL('https://events.eu-west-1.amazonaws.com/'),
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body,
  });
  const signed = ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target'];
  expect(headers).toMatchObject({
    host: 'events.eu-west-1.amazonaws.com',
    'x-amz-security-token': 'role-token',
  });
  const expected = documentedSignature({
    headers,
    signed,
    body,
    secret: 'role-secret',
    date: '20261205T100000Z',
    scope: '20261205/eu-west-1/events/aws4_request',
  });
  expect(headers.authorization).toBe(
    `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261205/eu-west-1/events/aws4_request, SignedHeaders=${signed.join(';')}, Signature=${expected}`,
  );
});
