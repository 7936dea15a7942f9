/**
 * Drives Meta's OAuth dance the way a person's browser would: the API's authorization URL → the
 * simulator's dialog → consent → Meta's redirect to our callback → the return URL.
 */
import type { LocalRuntimeFixture, HttpResult } from './local-runtime';
import { consentAtDialog } from '../../local/cli/consent';

export const RETURN_URL = 'http://localhost:5173/integrations/meta';

export interface ConsentOptions {
  features?: string[];
  decision?: 'allow' | 'deny';
  /** scopes the person leaves ticked (fewer than asked = a partial grant) */
  grantedScopes?: string[];
  userId?: string;
  returnUrl?: string;
}

export interface DanceResult {
  start: HttpResult;
  /** where Meta sent the browser (our callback URL with code/state or error) */
  metaRedirect: string;
  /** our callback's answer */
  callback: HttpResult;
  /** the return URL's query, when the callback redirected */
  outcome: URLSearchParams | null;
}

/** Consents in the simulator's login dialog as a browser would; resolves to Meta's redirect to our callback. */
export async function consentAtSimulator(
  _rt: LocalRuntimeFixture,
  authUrl: string,
  o: ConsentOptions,
): Promise<string> {
  return consentAtDialog(authUrl, o);
}

export async function oauthDance(
  rt: LocalRuntimeFixture,
  tenantId: string,
  o: ConsentOptions = {},
): Promise<DanceResult> {
  const api = rt.api({ token: await rt.token(tenantId) });
  const start = await api.post('/api/v1/connections/meta', {
    features: o.features ?? ['leads'],
    returnUrl: o.returnUrl ?? RETURN_URL,
  });
  if (start.status !== 201) throw new Error(`start answered ${start.status}: ${start.text}`);
  const metaRedirect = await consentAtSimulator(rt, start.json.authUrl, o);
  const callback = await followToApi(rt, metaRedirect);
  const location = callback.headers.get('location');
  return { start, metaRedirect, callback, outcome: location ? new URL(location).searchParams : null };
}

/** The browser following Meta's redirect to our callback (same host as the API in the local runtime). */
export async function followToApi(rt: LocalRuntimeFixture, url: string): Promise<HttpResult> {
  const u = new URL(url);
  return rt.api().get(`${u.pathname}${u.search}`);
}

/** Connects tenant's Meta account and selects Pages; returns the connection id. */
export async function connectAndSelect(
  rt: LocalRuntimeFixture,
  tenantId: string,
  selection: Record<string, string[]>,
  o: ConsentOptions = {},
): Promise<string> {
  const dance = await oauthDance(rt, tenantId, o);
  const connectionId = dance.outcome?.get('connectionId');
  if (dance.outcome?.get('status') !== 'connected' || !connectionId) {
    throw new Error(
      `connect failed: ${dance.callback.status} ${dance.callback.headers.get('location')} ${dance.callback.text}`,
    );
  }
  const api = rt.api({ token: await rt.token(tenantId) });
  const sel = await api.put(`/api/v1/connections/${connectionId}/selection`, selection);
  if (sel.status !== 200) throw new Error(`selection answered ${sel.status}: ${sel.text}`);
  return connectionId;
}

export async function simJson<T = any>(
  rt: LocalRuntimeFixture,
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${rt.runtime.simUrl}${path}`, {
    method: init?.method ?? (init?.body ? 'POST' : 'GET'),
    headers: init?.body ? { 'content-type': 'application/json' } : {},
    body: init?.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
