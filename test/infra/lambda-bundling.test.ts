/**
 * The bundles CDK deploys take their credentials from the environment Lambda sets, not from the SDK's
 * default chain (lambda-credentials.ts says why), and carry the X-Ray SDK without its SDK v2 patcher's
 * `semver` (xray-without-sdk-v2.ts). Bundled here with the stack's own options, then run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../lib/constructs/lambda-bundling';

let dir: string;
let outfile: string;
let tracerOutfile: string;

/** Bundles a fixture as the stack bundles a handler; returns the bundle's path and the files it took in. */
function bundle(fixture: string): { file: string; inputs: string[] } {
  const file = path.join(dir, `${path.basename(fixture, '.ts')}.js`);
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'fixtures', fixture)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: file,
    logLevel: 'error',
    metafile: true,
    minify: LAMBDA_BUNDLING.minify,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    alias: { ...LAMBDA_BUNDLING.alias },
  });
  return { file, inputs: Object.keys(result.metafile.inputs) };
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
