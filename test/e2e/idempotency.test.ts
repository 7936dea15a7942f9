/**
 * `Idempotency-Key` on the API's creates, over HTTP on the local runtime: a retry gets the first answer
 * and creates nothing, the same key on another request is a 422 problem, keys are per tenant, a failed
 * create frees its key, and a stored answer that carries message text is sealed.
 */
import { randomUUID } from 'node:crypto';
import { withLocalRuntime, type HttpClient } from '../support/local-runtime';
import { connectAndSelect, eventually } from '../support/meta-connect';
import { simMessage, waitForConversation } from '../support/inbox';
import { scanAll } from '../support/privacy';
import { draftBody } from '../support/ads';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';
import {
  decideOnExisting,
  IDEMPOTENCY_TTL_SECONDS,
  IN_PROGRESS_LEASE_MS,
  newClaim,
  requestHash,
} from '../../lambdas/platform/core/idempotency/idempotent-request';

const rt = withLocalRuntime();
const api = async (tenantId: string, key?: string): Promise<HttpClient> =>
  rt.api({ token: await rt.token(tenantId), headers: key ? { 'idempotency-key': key } : {} });
const idemItems = async (tenantId: string) =>
  (await scanAll(rt)).filter((i) => i.pk === `T#${tenantId}` && String(i.sk).startsWith('IDEM#'));

it('a retried insights backfill answers the first answer and records one request', async () => {
  const T = 'idem-backfill-co';
  const key = randomUUID();
  const a = await api(T, key);
  const first = await a.post('/api/v1/insights/backfill', { days: 7 });
  expect(first.status).toBe(202);
  expect(first.headers.get('idempotency-replayed')).toBeNull();
  // the same JSON re-serialized with another key order and spacing is the same request
  const retry = await a.post('/api/v1/insights/backfill', '{ "days" : 7 }', {
    headers: { 'content-type': 'application/json' },
  });
  expect(retry.status).toBe(202);
  expect(retry.headers.get('idempotency-replayed')).toBe('true');
  expect(retry.json).toEqual(first.json);
  const audit = await (await api(T)).get('/api/v1/audit?action=insights.backfill');
  expect(audit.json.items.map((e: any) => e.target)).toEqual([expect.stringContaining(first.json.requestId)]);

  // without a key, each call is its own request
  const again = await (await api(T)).post('/api/v1/insights/backfill', { days: 7 });
  expect(again.json.requestId).not.toBe(first.json.requestId);
});

it('the same key with another body or on another route is a 422 problem', async () => {
  const T = 'idem-mismatch-co';
  const key = randomUUID();
  const a = await api(T, key);
  expect((await a.post('/api/v1/insights/backfill', { days: 7 })).status).toBe(202);
  const other = await a.post('/api/v1/insights/backfill', { days: 8 });
  expect(other.status).toBe(422);
  expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(other.json).toMatchObject({ status: 422, reason: 'idempotency_key_reused' });
  const otherRoute = await a.post('/api/v1/exports');
  expect(otherRoute.status).toBe(422);
});

it('keys are per tenant: another tenant may use the same key for its own create', async () => {
  const key = randomUUID();
  const one = await (await api('idem-tenant-a', key)).post('/api/v1/exports');
  const two = await (await api('idem-tenant-b', key)).post('/api/v1/exports');
  expect(one.status).toBe(202);
  expect(two.status).toBe(202);
  expect(two.headers.get('idempotency-replayed')).toBeNull();
  expect(two.json.id).not.toBe(one.json.id);
  // each record lives in its tenant's partition and expires with the table's TTL a day later
  const [record] = await idemItems('idem-tenant-a');
  expect(record).toMatchObject({ sk: `IDEM#${key}`, status: 'completed' });
  const ttl = record!.expiresAt - Math.floor(Date.now() / 1000);
  expect(ttl).toBeGreaterThan(86_400 - 120);
  expect(ttl).toBeLessThanOrEqual(86_400);
});

it('a refused create frees its key; a bad key is a 400', async () => {
  const T = 'idem-refused-co';
  const key = randomUUID();
  const a = await api(T, key);
  const refused = await a.post('/api/v1/posts', { targets: [{ type: 'facebook_page', id: W.bakeryPageId }] });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(await idemItems(T)).toEqual([]);
  const bad = await (await api(T, 'spaces are not allowed')).post('/api/v1/exports');
  expect(bad.status).toBe(400);
  expect(bad.json.reason).toBe('idempotency_key_invalid');
});

it('a retried post, campaign or connection start creates one thing', async () => {
  const T = 'idem-creates-co';
  await connectAndSelect(
    rt,
    T,
    { pages: [W.bakeryPageId], adAccounts: [W.adAccountId], leadForms: [W.bakeryLeadFormId] },
    { features: ['publishing', 'ads', 'leads'] },
  );
  const a = await api(T, randomUUID());
  const post = { message: 'Fresh bread at 7', targets: [{ type: 'facebook_page', id: W.bakeryPageId }] };
  const p1 = await a.post('/api/v1/posts', post);
  const p2 = await a.post('/api/v1/posts', post);
  expect(p1.status).toBe(201);
  expect(p2.json.id).toBe(p1.json.id);
  expect((await (await api(T)).get('/api/v1/posts')).json.items).toHaveLength(1);

  const campaign = draftBody('Idempotent campaign');
  const c = await api(T, randomUUID());
  const c1 = await c.post('/api/v1/campaigns', campaign);
  const c2 = await c.post('/api/v1/campaigns', campaign);
  expect(c1.status).toBe(201);
  expect(c2.json.id).toBe(c1.json.id);
  expect((await (await api(T)).get('/api/v1/campaigns')).json.items).toHaveLength(1);

  const start = { features: ['leads'], returnUrl: 'http://localhost:5173/meta' };
  const b = await api(T, randomUUID());
  const s1 = await b.post('/api/v1/connections/meta', start);
  const s2 = await b.post('/api/v1/connections/meta', start);
  expect(s1.status).toBe(201);
  expect(s2.json.authUrl).toBe(s1.json.authUrl);
});

it('a retried reply is drafted once, and its stored answer does not show the text', async () => {
  const T = 'idem-reply-co';
  await connectAndSelect(rt, T, { pages: [W.bakeryPageId] }, { features: ['inbox'] });
  const inbound = await simMessage(rt, { channel: 'messenger', text: 'Open on Sunday?' });
  const conv = await waitForConversation(rt, T, (c) => c.contact?.id === inbound.from);
  const text = 'Yes, from nine until one.';
  const a = await api(T, randomUUID());
  const r1 = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  const r2 = await a.post(`/api/v1/conversations/${conv.id}/replies`, { text });
  expect(r1.status).toBe(201);
  expect(r2.headers.get('idempotency-replayed')).toBe('true');
  expect(r2.json).toEqual(r1.json);
  const detail = await (await api(T)).get(`/api/v1/conversations/${conv.id}`);
  expect(detail.json.replies.map((r: any) => r.id)).toEqual([r1.json.id]);
  const stored = await idemItems(T);
  expect(stored).toHaveLength(1);
  expect(stored[0]!.response.sealed).toBe(true);
  expect(JSON.stringify(stored[0])).not.toContain('nine until one');
});

it('a connection purge forgets the tenant’s stored answers', async () => {
  const T = 'idem-purge-co';
  const connectionId = await connectAndSelect(rt, T, { pages: [W.bikesPageId] }, { features: ['leads'] });
  await (await api(T, randomUUID())).post('/api/v1/exports');
  expect(await idemItems(T)).toHaveLength(1);
  expect((await (await api(T)).delete(`/api/v1/connections/${connectionId}`)).status).toBe(202);
  await eventually(async () => ((await idemItems(T)).length === 0 ? true : undefined));
});

describe('the key store (DynamoDB) and its decisions', () => {
  const store = () => rt.runtime.deps.idempotency;
  const T = 'idem-store-co';

  it('a key whose request is still running is a 409; after the lease a crashed claim is taken over', async () => {
    const key = randomUUID();
    const hash = requestHash('POST', '/api/v1/exports', '');
    const t0 = new Date();
    expect(await store().claim(newClaim(T, key, hash, t0), t0.getTime())).toEqual({ claimed: true });
    const second = await store().claim(newClaim(T, key, hash, t0), t0.getTime() + 1000);
    expect(second.claimed).toBe(false);
    if (second.claimed) return;
    expect(decideOnExisting(second.existing, hash)).toMatchObject({
      action: 'refuse',
      status: 409,
      reason: 'idempotency_key_in_progress',
    });
    const later = t0.getTime() + IN_PROGRESS_LEASE_MS + 1;
    expect(await store().claim(newClaim(T, key, hash, new Date(later)), later)).toEqual({ claimed: true });
  });

  it('an answer older than 24 hours is no longer replayed', async () => {
    const key = randomUUID();
    const hash = requestHash('POST', '/api/v1/exports', '');
    const t0 = new Date();
    await store().claim(newClaim(T, key, hash, t0), t0.getTime());
    await store().complete(T, key, { statusCode: 202, headers: {}, body: '{}', sealed: false });
    const dayLater = t0.getTime() + (IDEMPOTENCY_TTL_SECONDS + 1) * 1000;
    const other = requestHash('POST', '/api/v1/exports', '{"x":1}');
    expect(await store().claim(newClaim(T, key, other, new Date(dayLater)), dayLater)).toEqual({
      claimed: true,
    });
  });

  it('the same JSON in another key order is the same request; another path is not', () => {
    expect(requestHash('POST', '/a', '{"a":1,"b":[1,{"c":2,"d":3}]}')).toBe(
      requestHash('POST', '/a', '{ "b": [1, {"d":3, "c":2}], "a": 1 }'),
    );
    expect(requestHash('POST', '/a', '{}')).not.toBe(requestHash('POST', '/b', '{}'));
  });
});
