/**
 * The bundles CDK deploys take their credentials from the environment Lambda sets, not from the SDK's
 * default chain (lambda-credentials.ts says why), and carry the X-Ray SDK without its SDK v2 patcher's
 * `semver` (xray-without-sdk-v2.ts), and those that stream nothing carry no event-stream serde
 * (sdk-without-event-streams.ts). Bundled here with the stack's own options, then run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { createServer as createHttp2Server, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { bundlingAliases, LAMBDA_BUNDLING } from '../../lib/constructs/lambda-bundling';
import { needsFor } from '../../lib/function-needs';

const execFileAsync = promisify(execFile);

let dir: string;
let outfile: string;
let tracerOutfile: string;

/** Bundles a fixture as the stack bundles a handler; returns the bundle's path and the files it took in. */
function bundle(
  fixture: string,
  alias: Record<string, string> = { ...LAMBDA_BUNDLING.alias },
): { file: string; inputs: string[]; kept: string[] } {
  const file = path.join(dir, `${path.basename(fixture, '.ts')}.js`);
  const result = buildSync({
    entryPoints: [path.isAbsolute(fixture) ? fixture : path.join(__dirname, 'fixtures', fixture)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: file,
    logLevel: 'error',
    metafile: true,
    minify: LAMBDA_BUNDLING.minify,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    alias,
  });
  return { file, inputs: Object.keys(result.metafile.inputs), kept: keptFiles(result.metafile) };
}

/** The files whose code is in the bundle (esbuild also lists files it read and then shook out). */
function keptFiles(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([f]) => f),
  );
}

let tracerInputs: string[];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mbc-bundling-'));
  outfile = bundle('credentials-entry.ts').file;
  const traced = bundle('tracer-entry.ts');
  tracerOutfile = traced.file;
  tracerInputs = traced.inputs;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Calls one export of a bundle in a process of its own, as Lambda's runtime would, with `env` added to
 * Lambda's; async so the fake services this process serves can answer.
 */
async function callBundle(file: string, expr: string, env: Record<string, string> = {}): Promise<unknown> {
  const script = `Promise.resolve(require(${JSON.stringify(file)}).${expr}).then((v) => console.log(JSON.stringify(v)))`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', ...env },
  });
  // the answer is the last line: a handler may log before it
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** Runs the bundle in a process of its own with exactly `env`, as Lambda starts one. */
function credentialsIn(env: Record<string, string>): {
  accessKeyId?: string;
  sessionToken?: string;
  error?: string;
} {
  const script = `require(${JSON.stringify(outfile)}).resolveCredentials().then(
    (c) => console.log(JSON.stringify(c)),
    (e) => console.log(JSON.stringify({ error: e.message })))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
  });
  return JSON.parse(out.toString());
}

test('the bundled client answers with the execution role keys Lambda puts in the environment', () => {
  const creds = credentialsIn({
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY01',
    AWS_SECRET_ACCESS_KEY: 'secret-of-the-role',
    AWS_SESSION_TOKEN: 'session-of-the-role',
  });
  expect(creds).toMatchObject({ accessKeyId: 'ASIAEXAMPLEROLEKEY01', sessionToken: 'session-of-the-role' });
});

test('without those keys it says so, instead of trying profiles, SSO or instance metadata', () => {
  expect(credentialsIn({}).error).toMatch(/environment variable credentials/i);
});

test('the default chain and the STS and SSO clients it needs are not in the bundle', () => {
  const code = readFileSync(outfile, 'utf8');
  for (const absent of [
    'fromSSO',
    'fromIni',
    'fromTokenFile',
    'AssumeRoleWithWebIdentity',
    'GetRoleCredentials',
  ])
    expect(code).not.toContain(absent);
});

/** Runs one export of the traced bundle in a process of its own, in the environment Lambda's runtime sets. */
function runTraced(fn: 'capturedV3Middlewares' | 'captureV2'): unknown {
  const script = `console.log(JSON.stringify(require(${JSON.stringify(tracerOutfile)}).${fn}()))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' },
  });
  return JSON.parse(out.toString());
}

test('Tracer still captures SDK v3 clients in the bundle, which carries no semver', () => {
  expect(runTraced('capturedV3Middlewares')).toEqual(
    expect.arrayContaining([expect.stringMatching(/XRaySDKInstrumentation/)]),
  );
  expect(tracerInputs.some((f) => f.includes('aws-xray-sdk-core'))).toBe(true);
  expect(tracerInputs.filter((f) => /node_modules\/semver\//.test(f))).toEqual([]);
});

test('the X-Ray SDK v2 patcher, never used here, refuses and says why instead of patching', () => {
  expect(runTraced('captureV2')).toMatch(/v2 patcher is not in this bundle.*captureAWSv3Client/);
});

describe('event streams, only where a client streams', () => {
  let server: Server;
  let endpoint: string;
  let streamless: { file: string; inputs: string[] };

  beforeAll(async () => {
    // answers EventBridge's PutEvents and DynamoDB's GetItem as the services do (awsJson)
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          target.startsWith('AWSEvents.')
            ? '{"FailedEntryCount":0,"Entries":[{"EventId":"ev-1"}]}'
            : '{"Item":{"pk":{"S":"k"}}}',
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    streamless = bundle('json-clients-entry.ts', bundlingAliases({}).alias);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const run = (expr: string) => callBundle(streamless.file, expr);

  test('a bundle without them still makes its EventBridge and DynamoDB calls, and carries none of the serde', async () => {
    expect(await run(`putAndGet(${JSON.stringify(endpoint)})`)).toEqual({
      eventId: 'ev-1',
      item: { pk: { S: 'k' } },
    });
    expect(streamless.inputs.filter((f) => f.includes('submodules/event-streams'))).toEqual([]);
  });

  test('a client that streams, built in such a bundle, fails at once and names the need to add', async () => {
    expect(await run('s3Client()')).toMatch(/event streams are not in this bundle.*\(bedrock\).*s3-objects/);
  });

  test.each([
    ['http', 'inbox', 'kept_bedrock_streams'],
    ['http', 'privacy', 'left_out_no_streaming_client'],
    ['queue', 'deletion', 'left_out_no_streaming_client'],
    ['http', 'meta-webhook', 'left_out_no_streaming_client'],
    ['queue', 'inbox', 'left_out_no_streaming_client'],
  ] as const)('the %s function %s: %s', (kind, name, reason) => {
    const decision = bundlingAliases(needsFor(kind, name));
    expect(decision.eventStreams).toBe(reason);
    expect('@smithy/core/event-streams' in decision.alias).toBe(reason === 'left_out_no_streaming_client');
  });
});

describe('zod in a bundle: mini, with English messages, and nothing else of zod', () => {
  it('a 400 names the field and the rule in English, and a worker still tells a parse error', () => {
    const { file } = bundle('zod-entry.ts');
    const script = `const m = require(${JSON.stringify(file)});
      console.log(JSON.stringify({ issues: m.issues({ name: 'long', colour: 'red' }), zod: m.isZodError() }))`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script]).toString());
    expect(out.issues).toEqual([
      expect.stringMatching(/Too big: expected string to have <=3 characters/),
      expect.stringMatching(/Unrecognized key: "colour"/),
    ]);
    expect(out.zod).toBe(true);
  });

  it('a worker that coerces Graph numbers and classifies parse errors keeps none of classic zod, other locales or the JSON Schema code', () => {
    const entry = path.resolve(__dirname, '../../lambdas/modules/leads/handlers/lead-fetch.ts');
    const { kept } = bundle(entry, bundlingAliases(needsFor('queue', 'lead-fetch')).alias);
    const zod = kept.filter((f) => f.includes('node_modules/zod/'));
    expect(zod.some((f) => f.includes('zod/v4/mini/'))).toBe(true);
    expect(zod).toContain('node_modules/zod/v4/locales/en.js');
    expect(
      zod.filter((f) =>
        /zod\/v4\/(classic\/|locales\/(?!en\.js)|core\/(compile|to-json-schema|json-schema-processors)\.js)/.test(
          f,
        ),
      ),
    ).toEqual([]);
  });
});

describe('Bedrock in a bundle: the role signs, or an API key from the environment; no SSO token link', () => {
  let server: Http2Server;
  let endpoint: string;
  let bedrock: { file: string; inputs: string[] };
  const authorizations: string[] = [];

  beforeAll(async () => {
    // answers Converse as Bedrock Runtime does (restJson over HTTP/2, which its client speaks), noting how
    // the call was signed
    server = createHttp2Server((req, res) => {
      authorizations.push(String(req.headers.authorization ?? ''));
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            output: { message: { role: 'assistant', content: [{ text: 'hello' }] } },
            stopReason: 'end_turn',
            usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
            metrics: { latencyMs: 1 },
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bedrock = bundle('bedrock-entry.ts', bundlingAliases(needsFor('http', 'inbox')).alias);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function converseWith(
    env: Record<string, string>,
  ): Promise<{ text: unknown; authorization: string }> {
    const text = await callBundle(bedrock.file, `converse(${JSON.stringify(endpoint)})`, env);
    return { text, authorization: authorizations.at(-1) ?? '' };
  }

  test('with the role keys Lambda sets, the call is signed with SigV4', async () => {
    const call = await converseWith({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY01',
      AWS_SECRET_ACCESS_KEY: 'secret-of-the-role',
      AWS_SESSION_TOKEN: 'session-of-the-role',
    });
    expect(call).toEqual({
      text: 'hello',
      authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEROLEKEY01\//),
    });
  });

  test('with a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK, the call carries it as a bearer token', async () => {
    const call = await converseWith({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-1' });
    expect(call).toEqual({ text: 'hello', authorization: 'Bearer bedrock-api-key-1' });
  });

  test('the SSO token link and the SSO OIDC client it refreshes with are not in the bundle', () => {
    expect(bedrock.inputs.filter((f) => /nested-clients|token-providers\/dist-es\/fromSso/.test(f))).toEqual(
      [],
    );
  });
});

describe('the webhook in a bundle: no AWS SDK client; its calls signed with the role’s keys', () => {
  let server: Server;
  let endpoint: string;
  let webhook: { file: string; kept: string[] };
  const calls: Array<{ target: string; authorization: string; token: string; body: string }> = [];
  const APP_SECRET = 'bundle-app-secret';

  beforeAll(async () => {
    // answers as Secrets Manager and EventBridge do (awsJson 1.1), noting each call's target and signature
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']);
        calls.push({
          target,
          authorization: String(req.headers.authorization ?? ''),
          token: String(req.headers['x-amz-security-token'] ?? ''),
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify(
            target === 'secretsmanager.GetSecretValue'
              ? { SecretString: JSON.stringify({ appSecret: APP_SECRET, verifyToken: 'vt' }) }
              : { FailedEntryCount: 0, Entries: [{ EventId: 'e1' }, { EventId: 'e2' }] },
          ),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const entry = path.resolve(__dirname, '../../lambdas/modules/webhooks/handlers/meta-webhook.ts');
    webhook = bundle(entry, bundlingAliases(needsFor('http', 'meta-webhook')).alias);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('the bundle keeps no SDK client and none of the SDK’s protocol or endpoint code', () => {
    expect(webhook.kept.filter((f) => /@aws-sdk\/(client-|lib-dynamodb|core\/)/.test(f))).toEqual([]);
    // of the SDK's core, only the byte, URI and request helpers the signer uses
    const core = webhook.kept.filter((f) => f.includes('node_modules/@smithy/core/'));
    expect(core.filter((f) => !/submodules\/(serde|transport|protocols\/util-uri-escape)\//.test(f))).toEqual(
      [],
    );
  });

  test('a signed delivery is answered 200 after GetSecretValue and one PutEvents, both signed with the role’s keys', async () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'status', verb: 'add' } }] }],
    });
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
    const event = {
      version: '2.0',
      routeKey: 'POST /api/v1/meta/webhook',
      rawPath: '/api/v1/meta/webhook',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/api/v1/meta/webhook' }, requestId: 'r1' },
    };
    const context = `{ awsRequestId: 'r1', functionName: 'meta-webhook', functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:meta-webhook', memoryLimitInMB: '512',
      getRemainingTimeInMillis: () => 10000 }`;
    const answer = (await callBundle(webhook.file, `handler(${JSON.stringify(event)}, ${context})`, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY01',
      AWS_SECRET_ACCESS_KEY: 'role-secret',
      AWS_SESSION_TOKEN: 'role-session-token',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
      // no table call for a readable delivery: an endpoint that refuses connections proves it
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      TABLE_NAME: 'table',
      EVENT_BUS_NAME: 'bus',
      META_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:meta',
      META_APP_ID: '100000000000001',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ received: 1 });
    expect(calls.map((c) => c.target)).toEqual(['secretsmanager.GetSecretValue', 'AWSEvents.PutEvents']);
    for (const [c, service] of [
      [calls[0]!, 'secretsmanager'],
      [calls[1]!, 'events'],
    ] as const) {
      expect(c.authorization).toMatch(
        new RegExp(
          `^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEROLEKEY01/\\d{8}/eu-west-1/${service}/aws4_request, `,
        ),
      );
      expect(c.token).toBe('role-session-token');
    }
    expect(JSON.parse(calls[1]!.body).Entries.map((e: { EventBusName: string }) => e.EventBusName)).toEqual([
      'bus',
      'bus',
    ]);
  });
});
