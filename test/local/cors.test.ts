/**
 * CORS in the local runtime, over HTTP, as a browser would meet it: preflights answered before any route
 * or authorizer, the policy's headers for a listed origin and none for another.
 */
import { withLocalRuntime } from '../support/local-runtime';

const { CORS_ALLOWED_ORIGINS: _ignored, ...envWithoutCors } = process.env;

const preflight = (base: string, path: string, origin: string, method = 'POST') =>
  fetch(`${base}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });

describe('default: a dev server on localhost, any port', () => {
  const rt = withLocalRuntime({ env: envWithoutCors });

  it('answers a preflight from http://localhost:5173 with the policy', async () => {
    const res = await preflight(rt.runtime.apiUrl, '/api/v1/connections/meta', 'http://localhost:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual([
      'authorization',
      'content-type',
      'idempotency-key',
    ]);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers 127.0.0.1 on another port too', async () => {
    const res = await preflight(rt.runtime.apiUrl, '/api/v1/leads', 'http://127.0.0.1:8080', 'GET');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
  });

  it('gives an unlisted origin no access-control-allow-origin, on the preflight or the request', async () => {
    const pre = await preflight(rt.runtime.apiUrl, '/api/v1/connections/meta', 'https://evil.example');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    const res = await fetch(`${rt.runtime.apiUrl}/health`, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    // a lookalike of a listed origin is another origin
    const lookalike = await fetch(`${rt.runtime.apiUrl}/health`, {
      headers: { origin: 'http://localhost.evil.example' },
    });
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("adds the origin to every answer a listed origin gets, the authorizer's 401 included", async () => {
    const origin = 'http://localhost:5173';
    const ok = await fetch(`${rt.runtime.apiUrl}/api/v1/leads`, {
      headers: { origin, authorization: `Bearer ${await rt.token('cors-co')}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    expect(ok.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(ok.headers.get('vary')).toMatch(/origin/i);
    const denied = await fetch(`${rt.runtime.apiUrl}/api/v1/leads`, { headers: { origin } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('an OPTIONS that is not a preflight is still no route', async () => {
    const res = await fetch(`${rt.runtime.apiUrl}/api/v1/leads`, { method: 'OPTIONS' });
    expect(res.status).toBe(405);
  });
});

describe('CORS_ALLOWED_ORIGINS', () => {
  const rt = withLocalRuntime({ env: { ...envWithoutCors, CORS_ALLOWED_ORIGINS: 'https://crm.example' } });

  it('allows exactly the listed origins', async () => {
    const listed = await preflight(rt.runtime.apiUrl, '/api/v1/posts', 'https://crm.example');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://crm.example');
    const localhost = await preflight(rt.runtime.apiUrl, '/api/v1/posts', 'http://localhost:5173');
    expect(localhost.headers.get('access-control-allow-origin')).toBeNull();
  });
});
