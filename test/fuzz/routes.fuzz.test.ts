/**
 * Every route of the route table, with path ids, queries and bodies generated from its own schemas and
 * just outside them, sent by a tenant that also knows another tenant's ids. Whatever is sent: never a
 * 5xx, every 4xx a problem+json with a reason, and the other tenant's data exactly as it was.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { withLocalRuntime } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { draftBody } from '../support/ads';
import { rawRequest } from '../support/raw-http';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import { ROUTES, type RouteSpec } from '../../lambdas/app/route-table';
import { OPERATIONS } from '../../lambdas/app/openapi/openapi-document';
import { jsonSchemaOf, valueFor } from './schema-arbitrary';
import { fuzzParameters, fuzzTimeout } from './fuzz-settings';

const rt = withLocalRuntime({ timers: false });
const FUZZER = 'fuzz-co';
const VICTIM = 'victim-co';
const known: Record<string, string[]> = {
  formId: [W.bakeryLeadFormId, W.bikesLeadFormId],
  pageId: [W.bakeryPageId],
  adAccountId: [W.adAccountId],
};
let token = '';

beforeAll(async () => {
  const selection = { pages: [W.bakeryPageId], adAccounts: [W.adAccountId], leadForms: [W.bakeryLeadFormId] };
  const features = { features: ['ads', 'leads', 'publishing', 'inbox'] };
  const mine = await connectAndSelect(rt, FUZZER, selection, features);
  const theirs = await connectAndSelect(rt, VICTIM, selection, features);
  const ids: string[] = [mine, theirs];
  for (const tenant of [FUZZER, VICTIM]) {
    const api = rt.api({ token: await rt.token(tenant) });
    const post = await api.post('/api/v1/posts', {
      message: `${tenant} bakes`,
      targets: [{ type: 'facebook_page', id: W.bakeryPageId }],
    });
    const campaign = await api.post('/api/v1/campaigns', draftBody(`${tenant} leads`));
    const rules = await api.put('/api/v1/settings/approval-rules', { rules: [{ id: `${tenant}-rule` }] });
    const exp = await api.post('/api/v1/exports');
    for (const res of [post, campaign, rules, exp])
      if (res.status >= 300) throw new Error(`setup ${res.status} ${res.text}`);
    ids.push(post.json.id, campaign.json.id, exp.json.id);
    // the export finishes in the background; the snapshots below must not see it land
    await eventually(async () =>
      (await api.get(`/api/v1/exports/${exp.json.id}`)).json.status === 'completed' ? true : undefined,
    );
  }
  known.id = ids;
  token = await rt.token(FUZZER);
}, 60_000);

/** every item that belongs to the victim, as stored */
async function victimItems(): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rt.runtime.deps.clients.dynamo.send(
      new ScanCommand({ TableName: rt.runtime.config.tableName, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(item);
      // the fuzzer's own partition may hold what it sent, victim's name included (a generated setting
      // value such as `T#victim-co`): that is the fuzzer's data, not the victim's
      if (text.includes(VICTIM) && item.pk !== `T#${FUZZER}`) out.push(text);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out.sort();
}

interface Case {
  params: Record<string, string>;
  query: Record<string, string> | null;
  body: { text: string; type: string } | null;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
/** a lone surrogate cannot be encoded: a client would send its replacement character */
const encodeSegment = (v: string) =>
  encodeURIComponent(
    v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );

function caseFor(route: RouteSpec): fc.Arbitrary<Case> {
  const ops = OPERATIONS[route.operationId]!;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const paramSchema = ops.params ? jsonSchemaOf(ops.params) : { type: 'object', properties: {} };
  // path segments travel encoded; the second list is what no encoder produces (invalid UTF-8, NUL, dots)
  const params = fc.record(
    Object.fromEntries(
      names.map((n) => [
        n,
        fc.oneof(
          valueFor(paramSchema.properties?.[n] ?? { type: 'string' }, { edge: 0.3, known, name: n }).map(
            (v) => encodeSegment(asText(v)),
          ),
          fc.constantFrom('..', '%2e%2e', '%ED%A0%80', '%FF', '%00', 'T%23victim-co', 'x'.repeat(300)),
        ),
      ]),
    ),
  );
  const querySchema = ops.query ? jsonSchemaOf(ops.query) : null;
  const query = querySchema
    ? fc.oneof(
        valueFor(querySchema, { edge: 0.25, known }).map((q) =>
          q && typeof q === 'object' && !Array.isArray(q)
            ? Object.fromEntries(Object.entries(q).map(([k, v]) => [k, asText(v)]))
            : { q: asText(q) },
        ),
        fc.constant({ unexpected: '1' }),
      )
    : fc.option(fc.constant({ unexpected: '1' }), { freq: 5 });
  const bodySchema = ops.body ? jsonSchemaOf(ops.body) : null;
  const json = (v: unknown) => ({ text: JSON.stringify(v) ?? 'null', type: 'application/json' });
  const garbage = fc.oneof(
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
    fc.jsonValue({ maxDepth: 3 }).map(json),
    fc.constant({ text: '{"a":1}', type: 'text/plain' }),
  );
  const body = bodySchema
    ? fc.oneof(
        { weight: 6, arbitrary: valueFor(bodySchema, { edge: 0.2, known }).map(json) },
        { weight: 1, arbitrary: garbage },
      )
    : fc.option(garbage, { freq: 4 });
  return fc.record({ params, query: query as fc.Arbitrary<Record<string, string> | null>, body });
}

async function send(route: RouteSpec, c: Case) {
  let path = route.path;
  for (const [k, v] of Object.entries(c.params)) path = path.replace(`{${k}}`, v);
  const qs = c.query ? `?${new URLSearchParams(c.query).toString()}` : '';
  const headers: Record<string, string> = {};
  if (route.auth === 'jwt') headers.authorization = `Bearer ${token}`;
  if (c.body) headers['content-type'] = c.body.type;
  if (route.operationId === 'metaDeauthorize' || route.operationId === 'metaDataDeletion')
    headers['content-type'] = 'application/x-www-form-urlencoded';
  return rawRequest(`${rt.runtime.apiUrl}${path}${qs}`, route.method, c.body?.text, headers);
}

const fuzzed = ROUTES.filter(
  (r) => !['health', 'openapi', 'metaWebhookDelivery', 'metaWebhookHandshake'].includes(r.operationId),
);

describe('every route, fuzzed from its schemas', () => {
  it.each(fuzzed.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: no 5xx, problems with reasons, the other tenant untouched',
    async (_name, route) => {
      const before = await victimItems();
      await fc.assert(
        fc.asyncProperty(caseFor(route), async (c) => {
          const res = await send(route, c);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.contentType).toBe('application/problem+json');
            const problem = JSON.parse(res.body);
            expect(problem).toMatchObject({ status: res.status, reason: expect.stringMatching(/^[a-z_]+$/) });
          }
        }),
        fuzzParameters(6),
      );
      expect(await victimItems()).toEqual(before);
    },
    fuzzTimeout(30_000),
  );
});
