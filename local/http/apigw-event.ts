/**
 * API Gateway HTTP API's two translations, payload format 2.0: an HTTP request → `APIGatewayProxyEventV2`,
 * and the function's result → an HTTP response. Behaviour copied from the service, not from a guess:
 *  - `rawPath` and `pathParameters` are URL-decoded (HTTP APIs decode the path before routing);
 *  - `rawQueryString` is verbatim; `queryStringParameters` are decoded, repeated keys comma-joined;
 *  - header names are lower-cased and repeated headers comma-joined; `Cookie` headers move to `cookies`;
 *  - the body is a UTF-8 string only for text/*, application/json, application/xml and
 *    application/javascript (measured against AWS: everything else — form posts and a missing
 *    Content-Type included — arrives base64 with `isBase64Encoded: true`). A "text" body that is not valid
 *    UTF-8 is also sent base64, so the handler can always recover the exact bytes (webhook signatures);
 *  - JWT claims are stringified (numbers → "123", arrays → "[a b]"), as the JWT authorizer delivers them.
 */
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';

export interface IncomingRequest {
  method: string;
  /** request target as received (`req.url`): raw path plus optional query */
  url: string;
  /** `req.rawHeaders`: name, value, name, value, … in arrival order */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** e.g. `HTTP/1.1` */
  protocol: string;
  localPort: number;
}

export interface EventContext {
  routeKey: string;
  pathParameters: Record<string, string>;
  requestId: string;
  now: Date;
  apiId: string;
  accountId: string;
  stage: string;
  /** present on routes behind the JWT authorizer: the verified token payload */
  jwtClaims?: Record<string, unknown>;
}

export function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return { rawPath: safeDecode(path), rawQueryString: q < 0 ? '' : url.slice(q + 1) };
}

export function buildHttpApiEvent(
  req: IncomingRequest,
  ctx: EventContext,
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const { rawPath, rawQueryString } = splitTarget(req.url);
  const { headers, cookies } = collectHeaders(req.rawHeaders);
  // What API Gateway adds in front of the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${req.sourceIp}`
    : req.sourceIp;
  headers['x-forwarded-port'] ??= String(req.localPort);
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??= traceId(ctx.now);
  if (req.body.length > 0 || headers['content-length'] !== undefined)
    headers['content-length'] = String(req.body.length);

  const domainName = headers.host ?? `localhost:${req.localPort}`;
  const query = parseQuery(rawQueryString);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: ctx.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: ctx.accountId,
      apiId: ctx.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0]!.split(':')[0]!,
      http: {
        method: req.method.toUpperCase(),
        path: rawPath,
        protocol: req.protocol,
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: ctx.requestId,
      routeKey: ctx.routeKey,
      stage: ctx.stage,
      time: clfTime(ctx.now),
      timeEpoch: ctx.now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length) event.cookies = cookies;
  if (query) event.queryStringParameters = query;
  if (Object.keys(ctx.pathParameters).length) {
    // already decoded: they were matched against the decoded path
    event.pathParameters = { ...ctx.pathParameters };
  }
  if (req.body.length > 0) {
    const text = isTextContentType(headers['content-type']) ? utf8OrNull(req.body) : null;
    if (text !== null) event.body = text;
    else {
      event.body = req.body.toString('base64');
      event.isBase64Encoded = true;
    }
  }
  if (ctx.jwtClaims) {
    // `scopes` is null unless the route declares authorization scopes (none in this route table do).
    const authorizer: APIGatewayEventRequestContextJWTAuthorizer = {
      jwt: { claims: stringifyClaims(ctx.jwtClaims), scopes: null },
    };
    (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer = authorizer;
  }
  return event;
}

export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

/** The JWT authorizer hands claims over as strings: `exp: "1700000000"`, `roles: "[admin editor]"`. */
export function stringifyClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v))
      out[k] = `[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}]`;
    else if (v !== null && typeof v === 'object') out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}

function collectHeaders(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

function parseQuery(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const piece of raw.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    const key = safeDecode(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(piece.slice(eq + 1));
    out[key] = out[key] === undefined ? value : `${out[key]},${value}`;
  }
  return Object.keys(out).length ? out : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function utf8OrNull(bytes: Buffer): string | null {
  try {
    // fatal: reject invalid UTF-8; ignoreBOM: keep a leading BOM so the bytes round-trip exactly.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time */
export function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function traceId(now: Date): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${hex(24)}`;
}

export interface HttpResponseParts {
  statusCode: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/**
 * The function's result → the HTTP response. A structured result (has `statusCode`) is used as is; any
 * other value is API Gateway's "inferred" format: 200, JSON body. Throws on a malformed structured result
 * (API Gateway answers 500 then).
 */
export function toHttpResponse(result: unknown): HttpResponseParts {
  if (typeof result === 'string') {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(result, 'utf8'),
    };
  }
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(JSON.stringify(result ?? null), 'utf8'),
    };
  }
  const r = result as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    body?: unknown;
    isBase64Encoded?: unknown;
    cookies?: unknown;
  };
  const status = typeof r.statusCode === 'string' ? Number(r.statusCode) : r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(`invalid statusCode ${JSON.stringify(r.statusCode)}`);
  }
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers.push([name.toLowerCase(), String(value)]);
  }
  if (Array.isArray(r.cookies)) for (const c of r.cookies) headers.push(['set-cookie', String(c)]);
  let body = Buffer.alloc(0);
  if (r.body !== undefined && r.body !== null) {
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  }
  return { statusCode: status, headers, body };
}
