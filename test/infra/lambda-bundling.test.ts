/**
 * The bundles CDK deploys take their credentials from the environment Lambda sets, not from the SDK's
 * default chain (lambda-credentials.ts says why). Bundled here with the stack's own options, then run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../lib/constructs/lambda-bundling';

const ENTRY = path.join(__dirname, 'fixtures', 'credentials-entry.ts');
let dir: string;
let outfile: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mbc-bundling-'));
  outfile = path.join(dir, 'entry.js');
  buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
    minify: LAMBDA_BUNDLING.minify,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    alias: { ...LAMBDA_BUNDLING.alias },
  });
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
