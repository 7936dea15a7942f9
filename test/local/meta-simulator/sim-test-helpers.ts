/** Shared helpers for the Meta simulator tests: Graph calls with appsecret_proof, the OAuth dance, a receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  appSecretProof,
  DEFAULT_WORLD_IDS,
  startMetaSimulator,
  type MetaSimulator,
} from '../../../local/meta-simulator';

export const APP_ID = '987654321098765';
export const APP_SECRET = 'test-app-secret';
export const REDIRECT_URI = 'http://127.0.0.1:3000/api/v1/meta/oauth/callback';
export const ALL_SCOPES = [
  'pages_show_list',
  'business_management',
  'pages_manage_metadata',
  'pages_read_engagement',
  'leads_retrieval',
  'pages_manage_ads',
  'ads_management',
  'instagram_basic',
  'whatsapp_business_management',
];

/** Parsed JSON, loosely typed so tests can reach into Meta's answers without a cast at every step. */

export type Json = any;

export interface GraphAnswer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * a Graph call as the service makes it: Bearer token plus a correct appsecret_proof; a GET's or DELETE's
 * parameters in the query string (as Meta's SDKs send them), a POST's in a form body, or `json` for a
 * JSON body
 */
export async function graph<T = Json>(
  sim: MetaSimulator,
  method: string,
  path: string,
  opts: {
    token?: string;
    query?: Record<string, string>;
    form?: Record<string, string>;
    json?: Record<string, unknown>;
    proof?: 'valid' | 'none' | 'wrong';
  } = {},
): Promise<GraphAnswer<T>> {
  const url = new URL(`${sim.url}/v26.0/${path.replace(/^\//, '')}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  const inQuery = method === 'GET' || method === 'DELETE';
  const form = new URLSearchParams(opts.form ?? {});
  if (opts.token) {
    headers.authorization = `Bearer ${opts.token}`;
    const proofMode = opts.proof ?? 'valid';
    if (proofMode !== 'none') {
      const proof = proofMode === 'valid' ? appSecretProof(opts.token, APP_SECRET) : 'deadbeef'.repeat(8);
      if (inQuery || opts.json) url.searchParams.set('appsecret_proof', proof);
      else form.set('appsecret_proof', proof);
    }
  }
  let body: string | undefined;
  if (opts.json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (inQuery) {
    for (const [k, v] of form) url.searchParams.set(k, v);
  } else if ([...form.keys()].length > 0) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = form.toString();
  }
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

export async function control<T = Json>(
  sim: MetaSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.url}/_sim/${path.replace(/^\//, '')}`, {
    method,
    ...(body !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** the dialog's form post; answers Facebook's 302 */
export async function consent(
  sim: MetaSimulator,
  fields: {
    scope?: string;
    state?: string;
    userId?: string;
    decision?: 'allow' | 'deny';
    grantedScopes?: string;
    pageIds?: string;
    redirectUri?: string;
  },
): Promise<{ status: number; location: URL }> {
  const form = new URLSearchParams({
    client_id: APP_ID,
    redirect_uri: fields.redirectUri ?? REDIRECT_URI,
    state: fields.state ?? 'state-123',
    scope: fields.scope ?? ALL_SCOPES.join(','),
    response_type: 'code',
    user_id: fields.userId ?? DEFAULT_WORLD_IDS.userId,
    decision: fields.decision ?? 'allow',
  });
  if (fields.grantedScopes !== undefined) form.set('granted_scopes', fields.grantedScopes);
  if (fields.pageIds !== undefined) form.set('page_ids', fields.pageIds);
  const res = await fetch(`${sim.url}/_sim/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { status: res.status, location: new URL(res.headers.get('location') ?? 'http://invalid/') };
}

export async function exchangeCode(
  sim: MetaSimulator,
  code: string,
  redirectUri = REDIRECT_URI,
): Promise<GraphAnswer> {
  return graph(sim, 'GET', 'oauth/access_token', {
    query: { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: redirectUri, code },
  });
}

export async function longLived(sim: MetaSimulator, shortToken: string): Promise<GraphAnswer> {
  return graph(sim, 'GET', 'oauth/access_token', {
    query: {
      grant_type: 'fb_exchange_token',
      client_id: APP_ID,
      client_secret: APP_SECRET,
      fb_exchange_token: shortToken,
    },
  });
}

/** consent → code → short-lived → long-lived; returns both user tokens */
export async function connectUser(
  sim: MetaSimulator,
  fields: Parameters<typeof consent>[1] = {},
): Promise<{ shortToken: string; longToken: string }> {
  const { location } = await consent(sim, fields);
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.toString()}`);
  const short = await exchangeCode(sim, code);
  const long = await longLived(sim, short.body.access_token);
  return { shortToken: short.body.access_token, longToken: long.body.access_token };
}

export async function pageToken(sim: MetaSimulator, userToken: string, pageId: string): Promise<string> {
  const res = await graph(sim, 'GET', pageId, { token: userToken, query: { fields: 'access_token' } });
  if (!res.body.access_token) throw new Error(`no page token: ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** a tiny stand-in for the service: records requests and answers with the status the test sets */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  answer: unknown = { ok: true };
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          raw: Buffer.concat(chunks),
        });
        const text = JSON.stringify(this.answer);
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  last(): Received {
    const r = this.received[this.received.length - 1];
    if (!r) throw new Error('nothing received');
    return r;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
}

/**
 * The file's simulator: started once (`seed` fixes its world), reset before each test (the hook runs before
 * the file's own `beforeEach`), closed after the last. `set` receives it once started.
 */
export function useSimulator(seed: number, set: (sim: MetaSimulator) => void): void {
  let sim: MetaSimulator | undefined;
  beforeAll(async () => {
    sim = await startMetaSimulator({ appId: APP_ID, appSecret: APP_SECRET, seed });
    set(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim?.reset());
}
