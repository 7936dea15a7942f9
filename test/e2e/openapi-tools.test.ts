/**
 * The served OpenAPI document as third-party tools see it: swagger-parser and Redocly accept it with no
 * error, openapi-typescript turns it into types, and a client written with openapi-fetch against those
 * types compiles (and a wrong call does not).
 */
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { withLocalRuntime, type Json } from '../support/local-runtime';
import { OPERATIONS } from '../../lambdas/app/openapi/openapi-document';
import { REQUEST_EXAMPLES } from '../../lambdas/app/openapi/openapi-examples';
import { ROUTES } from '../../lambdas/app/route-table';

const ROOT = path.join(__dirname, '../..');
const rt = withLocalRuntime();
const served = async (): Promise<Json> => (await rt.api().get('/api/v1/openapi.json')).json;

it('swagger-parser validates the served document', async () => {
  const doc = await served();
  await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
});

it('Redocly lint (recommended rules) finds no error', async () => {
  const doc = await served();
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({
    source: JSON.stringify(doc),
    absoluteRef: 'openapi.json',
    config,
  });
  const errors = problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
  expect(errors).toEqual([]);
});

it('names shared schemas, tags every operation and documents its problems', async () => {
  const doc = await served();
  expect(Object.keys(doc.components.schemas)).toEqual(
    expect.arrayContaining(['Problem', 'Lead', 'Connection', 'PostDraft', 'CampaignDraft', 'ReplyRequest']),
  );
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(doc.info.license.name).toBeTruthy();
  const tagNames = doc.tags.map((t: { name: string }) => t.name);
  for (const r of ROUTES) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    expect(op.tags).toHaveLength(1);
    expect(tagNames).toContain(op.tags[0]);
    if (r.auth === 'jwt')
      expect(op.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    if (r.path.includes('{')) expect(op.responses['404']).toBeDefined();
    if (OPERATIONS[r.operationId]?.body) {
      expect(op.responses['400']).toBeDefined();
      expect(op.responses['413']).toBeDefined();
    }
  }
});

describe('request examples', () => {
  const withBody = Object.entries(OPERATIONS).filter(([, ops]) => ops.body);
  it.each(withBody.map(([id]) => [id]))('%s has an example its own schema accepts', (id) => {
    const example = REQUEST_EXAMPLES[id];
    expect(example).toBeDefined();
    const parsed = OPERATIONS[id]!.body!.safeParse(example);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});

describe('a typed client generated from the document', () => {
  // inside the repository so the client resolves openapi-fetch from its node_modules
  const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules/.cache-openapi-client-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const compile = (file: string, source: string): string[] => {
    fs.writeFileSync(path.join(dir, file), source);
    const program = ts.createProgram([path.join(dir, file)], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  beforeAll(async () => {
    // its CLI, as a frontend would run it (the library is ESM-only inside, which Jest cannot load);
    // without the flag a request field that has a default would be typed as required
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(await served()));
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
        'openapi.json',
        '-o',
        'api.d.ts',
        '--default-non-nullable',
        'false',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
  }, 30_000);

  it('compiles real calls', () => {
    const diagnostics = compile(
      'client.ts',
      `import createClient from 'openapi-fetch';
import type { paths, components } from './api';

const api = createClient<paths>({ baseUrl: 'http://localhost:3000', headers: { authorization: 'Bearer t' } });

export async function walk(): Promise<components['schemas']['Lead'] | undefined> {
  const started = await api.POST('/api/v1/connections/meta', {
    body: { features: ['leads'], returnUrl: 'https://crm.example/meta' },
  });
  const authUrl: string | undefined = started.data?.authUrl;
  void authUrl;
  await api.PUT('/api/v1/connections/{id}/selection', {
    params: { path: { id: 'con_01' } },
    body: { pages: ['104729384756123'] },
  });
  const leads = await api.GET('/api/v1/leads', { params: { query: { limit: 10, formId: '1' } } });
  // a problem of ours, or API Gateway's own {"message"} (authorizer, throttle)
  if (leads.error && 'reason' in leads.error) {
    const reason: string = leads.error.reason;
    void reason;
  }
  const first = leads.data?.items[0];
  if (!first) return undefined;
  const lead = await api.GET('/api/v1/leads/{id}', { params: { path: { id: first.id } } });
  await api.POST('/api/v1/posts', {
    body: { targets: [{ type: 'facebook_page', id: '104729384756123' }], message: 'hi' },
  });
  return lead.data;
}
`,
    );
    expect(diagnostics).toEqual([]);
  });

  it('refuses a call the API would refuse', () => {
    const diagnostics = compile(
      'wrong.ts',
      `import createClient from 'openapi-fetch';
import type { paths } from './api';
const api = createClient<paths>({ baseUrl: 'http://localhost:3000' });
void api.POST('/api/v1/connections/meta', { body: { features: ['not-a-feature'] } });
`,
    );
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});
