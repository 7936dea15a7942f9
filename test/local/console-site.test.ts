/**
 * The local runtime serves the operator console's build at /console/ like CloudFront does in AWS (same
 * security headers, SPA routes to index.html, hashed assets cached for good) and gives it a dev-only
 * sign-in: POST /_local/token issues a JWT the API accepts.
 */
import path from 'node:path';
import { withLocalRuntime } from '../support/local-runtime';

const rt = withLocalRuntime({
  consoleDir: path.join(__dirname, 'fixtures', 'console-build'),
  simulator: false,
});
const get = (p: string, init?: RequestInit) =>
  fetch(`${rt.runtime.apiUrl}${p}`, { redirect: 'manual', ...init });

it('serves index.html for the SPA’s routes, with the CSP and security headers', async () => {
  for (const p of ['/console/', '/console/leads/lead_1', '/console/connections/callback?status=connected']) {
    const res = await get(p);
    expect([p, res.status]).toEqual([p, 200]);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('console fixture');
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'self'; style-src 'self'/,
    );
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  }
  const redirect = await get('/console');
  expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/console/']);
});

it('serves hashed assets for good, a missing asset as 404, never a dot file or anything outside the build', async () => {
  const asset = await get('/console/assets/app-abc123.js');
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect((await get('/console/assets/gone.js')).status).toBe(404);
  for (const p of ['/console/.build-hash', '/console/..%2f..%2fpackage.json', '/console/../package.json']) {
    const text = await (await get(p)).text();
    expect([p, text.includes('secret-stamp') || text.includes('"name"')]).toEqual([p, false]);
  }
  expect((await get('/console/', { method: 'POST' })).status).toBe(405);
});

it('config.json says: this origin, local sign-in with the tenant claim', async () => {
  const res = await get('/console/config.json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual({ apiUrl: '', auth: { kind: 'local', tenantClaim: 'tenant_id' } });
});

it('POST /_local/token issues a JWT for a tenant the API accepts, and refuses a bad tenant id', async () => {
  const res = await get('/_local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: 'console-co' }),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const connections = await get('/api/v1/connections', { headers: { authorization: `Bearer ${token}` } });
  expect(connections.status).toBe(200);
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
  expect(claims.tenant_id).toBe('console-co');

  for (const body of [
    '{"tenantId":"../x"}',
    '{"tenantId":""}',
    'not json',
    '{"tenantId":"a","admin":true}',
  ]) {
    const bad = await get('/_local/token', { method: 'POST', body });
    expect([body, bad.status]).toEqual([body, 400]);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  }
});
