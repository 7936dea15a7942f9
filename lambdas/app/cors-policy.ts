/**
 * Which browser origins may call the API, and with what. API Gateway applies this in AWS (its
 * `CorsConfiguration`, answered before any function runs) and the local API server applies the same
 * policy, so a frontend that works against `npm start` works against the deployed stack.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 *
 * No credentials mode: the API authenticates with a bearer token in a header, never a cookie.
 */
import { ROUTES, type HttpMethod } from './route-table';

export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key'] as const;
/** headers a browser script may read: when to retry, and whether an answer is a replay */
export const CORS_EXPOSE_HEADERS = ['retry-after', 'idempotency-replayed'] as const;
export const CORS_MAX_AGE_SECONDS = 600;
/** in a fixed order, so the policy does not change when a module's routes move in the table */
const METHOD_ORDER: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const CORS_ALLOW_METHODS: readonly HttpMethod[] = METHOD_ORDER.filter((m) =>
  ROUTES.some((r) => r.method === m),
);

/** `npm start`'s default: a frontend dev server on this machine, on any port */
export const LOCAL_DEFAULT_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'] as const;

/**
 * Splits a comma-separated list and checks each entry is an origin (`scheme://host[:port]`, no path);
 * `:*` as the port means any port (local runtime only: API Gateway matches origins exactly).
 */
export function parseCorsOrigins(value: string, options: { portWildcard: boolean }): string[] {
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === '*') throw new Error('"*" would let every website call the API: list the origins instead');
    const wildcard = entry.endsWith(':*');
    if (wildcard && !options.portWildcard)
      throw new Error(`"${entry}": API Gateway matches origins exactly, give each port`);
    let url: URL;
    try {
      url = new URL(wildcard ? entry.slice(0, -2) : entry);
    } catch {
      throw new Error(`"${entry}" is not an origin such as https://crm.example`);
    }
    const bare = wildcard ? entry.slice(0, -2) : entry;
    if (url.origin !== bare.replace(/\/$/, '') || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      throw new Error(`"${entry}" is not an origin such as https://crm.example (no path, no query)`);
    if (url.protocol === 'http:' && !isLoopback(url.hostname))
      throw new Error(`"${entry}": only localhost may be plain http; use https`);
    out.push(wildcard ? `${url.origin}:*` : url.origin);
  }
  return out;
}

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

export type CorsDecision =
  | { allowed: true; origin: string; reason: 'listed' | 'listed_any_port' }
  | { allowed: false; reason: 'no_origin' | 'not_listed' };

export function decideCorsOrigin(origin: string | undefined, allowed: readonly string[]): CorsDecision {
  if (!origin) return { allowed: false, reason: 'no_origin' };
  if (allowed.includes(origin)) return { allowed: true, origin, reason: 'listed' };
  for (const pattern of allowed) {
    if (!pattern.endsWith(':*')) continue;
    const base = pattern.slice(0, -2);
    if (origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1))))
      return { allowed: true, origin, reason: 'listed_any_port' };
  }
  return { allowed: false, reason: 'not_listed' };
}

/** The headers API Gateway adds for an allowed origin: on a preflight, and on every answer. */
export function corsHeaders(origin: string, preflight: boolean): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    vary: 'origin',
    ...(preflight
      ? {
          'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
          'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
          'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
        }
      : { 'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(',') }),
  };
}
