/**
 * API Gateway HTTP API + Lambda, locally: a node:http server that routes with the shared route table,
 * checks the JWT on `auth: 'jwt'` routes like the JWT authorizer, builds the payload-2.0 event, invokes
 * the route's handler module and translates its result back. Gateway-level answers keep API Gateway's
 * shapes (`{"message":"Unauthorized"}` 401, `{"message":"Internal Server Error"}` 500, 413 over 10 MB);
 * unknown routes are problem+json 404/405.
 *
 * Local-only control routes live under `/_local/` (never in the route table, never deployed):
 *   GET|DELETE /_local/events   recent bus events (filters: detailType, source) / clear them
 *   POST /_local/schedules/{name}  run a schedule job now
 *   POST /_local/ttl-sweep      run the TTL sweeper once
 *   GET /_local/meta-return     a return URL for the connect flow: shows its status and connection id
 *   POST /_local/token          {"tenantId"} → a dev JWT for that tenant (the console's local sign-in)
 * and the issuer's key set at GET /local-issuer/.well-known/jwks.json. The operator console's build is
 * served at /console/ (local/http/console-site.ts) when the runtime is given one.
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import * as z from 'zod';
import type { HttpMethod } from '../../lambdas/app/route-table';
import { silentLog, type LocalLog } from '../log';
import { HandlerUnavailableError, type HandlerLoader } from '../lambda/handler-loader';
import { createLambdaContext } from '../lambda/lambda-context';
import { LOCAL_ACCOUNT_ID } from '../infra/aws-clients';
import type { BusEventFilter, BusEventRecord } from '../infra/event-bus';
import { UnknownScheduleError } from '../infra/scheduler';
import { buildHttpApiEvent, toHttpResponse, type HttpResponseParts } from './apigw-event';
import { createRouteMatcher } from './route-matcher';
import type { ConsoleSite } from './console-site';
import { corsHeaders, decideCorsOrigin } from '../../lambdas/app/cors-policy';

export interface ApiRoute {
  method: HttpMethod;
  path: string;
  fn: string;
  auth: 'jwt' | 'none';
}

export interface ApiServerOptions {
  /** 0 = any free port */
  port: number;
  host?: string;
  routes: readonly ApiRoute[];
  functions: Readonly<Record<string, { entry: string }>>;
  loader: HandlerLoader;
  jwt: { verify(token: string): Promise<JWTPayload>; jwks?(): unknown };
  /** requests wait for this before being handled (the runtime finishes wiring after it has a port) */
  ready?: Promise<unknown>;
  control?: {
    events?(filter?: BusEventFilter): BusEventRecord[];
    clearEvents?(): void;
    runSchedule?(name: string): Promise<void>;
    sweepTtl?(): Promise<number>;
    /** a dev JWT for a tenant (never in AWS: there the issuer is Cognito or the configured OIDC one) */
    issueToken?(tenantId: string): Promise<string>;
  };
  /** the operator console, served under /console/ */
  site?: ConsoleSite;
  /** browser origins allowed (cors-policy.ts); absent = no CORS, like an API without a CorsConfiguration */
  cors?: { allowedOrigins: readonly string[] };
  /** API Gateway's payload limit (default 10 MB) */
  maxBodyBytes?: number;
  /** context.getRemainingTimeInMillis budget (API Gateway's integration timeout is 30 s) */
  functionTimeoutMs?: number;
  apiId?: string;
  log?: LocalLog;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

type HttpHandler = (event: unknown, context: unknown) => Promise<unknown>;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const log = options.log ?? silentLog;
  const matcher = createRouteMatcher(options.routes);
  const maxBody = options.maxBodyBytes ?? API_GATEWAY_MAX_BODY_BYTES;
  const apiId = options.apiId ?? 'local';
  let port = 0;

  const server = http.createServer((req, res) => {
    const started = Date.now();
    const requestId = randomBytes(10).toString('base64');
    res.on('finish', () =>
      // the path only: query strings carry OAuth codes and states, which have no place in a log
      log.info(
        'http',
        `${req.method} ${(req.url ?? '').split('?')[0]} → ${res.statusCode} ${Date.now() - started}ms`,
      ),
    );
    if (options.cors && applyCors(req, res, options.cors.allowedOrigins, requestId)) return;
    readBody(req, maxBody)
      .then(async (body) => {
        if (body === null) {
          res.setHeader('connection', 'close');
          return sendJson(res, 413, { message: 'Request Entity Too Large' }, requestId);
        }
        if (options.ready) {
          try {
            await options.ready;
          } catch {
            return sendJson(res, 503, { message: 'Service Unavailable' }, requestId);
          }
        }
        await handle(req, res, body, requestId);
      })
      .catch((err) => {
        log.error('http', `${req.method} ${req.url} failed`, err);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
        else res.destroy();
      });
  });

  const handle = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    requestId: string,
  ) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const pathOnly = (req.url ?? '/').split('?')[0]!;
    if (options.site?.handles(pathOnly)) return options.site.serve(method, pathOnly, res, requestId);
    if (pathOnly.startsWith('/_local/') || pathOnly.startsWith('/local-issuer/')) {
      return control(method, req.url ?? '/', res, requestId, body);
    }
    let path: string;
    try {
      path = decodeURIComponent(pathOnly);
    } catch {
      path = pathOnly;
    }
    const result = matcher.match(method, path);
    if (result.kind === 'not-found') {
      return sendProblem(
        res,
        404,
        'Not Found',
        `No route for ${method} ${path}`,
        requestId,
        'route_not_found',
      );
    }
    if (result.kind === 'method-not-allowed') {
      res.setHeader('allow', result.allowed.join(', '));
      return sendProblem(
        res,
        405,
        'Method Not Allowed',
        `${path} supports ${result.allowed.join(', ')}`,
        requestId,
        'method_not_allowed',
      );
    }
    const { route, pathParameters } = result.match;
    const routeKey = `${route.method} ${route.path}`;

    let jwtClaims: Record<string, unknown> | undefined;
    if (route.auth === 'jwt') {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      if (!token) return sendJson(res, 401, { message: 'Unauthorized' }, requestId);
      try {
        jwtClaims = { ...(await options.jwt.verify(token)) };
      } catch {
        return sendJson(res, 401, { message: 'Unauthorized' }, requestId);
      }
    }

    const fn = options.functions[route.fn];
    if (!fn)
      return sendProblem(
        res,
        501,
        'Not Implemented',
        `function ${route.fn} is not in HTTP_FUNCTIONS`,
        requestId,
        'function_not_implemented',
      );
    let handler: HttpHandler;
    try {
      handler = options.loader.get<HttpHandler>(fn.entry);
    } catch (err) {
      if (err instanceof HandlerUnavailableError) {
        // Until the `public` module exists, readiness is answered here so `npm start` is usable.
        if (routeKey === 'GET /health')
          return sendJson(res, 200, { status: 'ok', servedBy: 'local-runtime' }, requestId);
        return sendProblem(res, 501, 'Not Implemented', err.message, requestId, 'function_not_implemented');
      }
      log.error('http', `${fn.entry} failed to initialise`, err);
      return sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
    }

    const event = buildHttpApiEvent(
      {
        method,
        url: req.url ?? '/',
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        protocol: `HTTP/${req.httpVersion}`,
        localPort: port,
      },
      {
        routeKey,
        pathParameters,
        requestId,
        now: new Date(),
        apiId,
        accountId: LOCAL_ACCOUNT_ID,
        stage: '$default',
        ...(jwtClaims ? { jwtClaims } : {}),
      },
    );
    let response: HttpResponseParts;
    try {
      const context = createLambdaContext({
        functionName: route.fn,
        timeoutMs: options.functionTimeoutMs ?? 30_000,
        requestId: randomUUID(),
      });
      response = toHttpResponse(await handler(event, context));
    } catch (err) {
      log.error('http', `${routeKey}: handler failed`, err);
      return sendJson(res, 500, { message: 'Internal Server Error' }, requestId);
    }
    writeResponse(res, response, requestId, options.cors !== undefined);
  };

  const control = async (
    method: string,
    url: string,
    res: http.ServerResponse,
    requestId: string,
    body: Buffer,
  ) => {
    const u = new URL(url, 'http://local');
    const c = options.control ?? {};
    if (u.pathname === '/_local/token' && method === 'POST' && c.issueToken) {
      const parsed = DevTokenRequest.safeParse(parseJson(body));
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => i.message).join('; ');
        return sendProblem(res, 400, 'Bad Request', detail, requestId, 'invalid_request');
      }
      return sendJson(res, 200, { token: await c.issueToken(parsed.data.tenantId) }, requestId);
    }
    if (u.pathname === '/_local/events' && method === 'GET' && c.events) {
      const filter: BusEventFilter = {};
      const detailType = u.searchParams.get('detailType');
      const source = u.searchParams.get('source');
      if (detailType) filter.detailType = detailType;
      if (source) filter.source = source;
      return sendJson(res, 200, { events: c.events(filter) }, requestId);
    }
    if (u.pathname === '/_local/events' && method === 'DELETE' && c.clearEvents) {
      c.clearEvents();
      res.writeHead(204, { 'apigw-requestid': requestId }).end();
      return;
    }
    const schedule = /^\/_local\/schedules\/([^/]+)$/.exec(u.pathname);
    if (schedule && method === 'POST' && c.runSchedule) {
      const name = decodeURIComponent(schedule[1]!);
      try {
        await c.runSchedule(name);
        return sendJson(res, 200, { schedule: name, status: 'completed' }, requestId);
      } catch (err) {
        if (err instanceof UnknownScheduleError)
          return sendProblem(res, 404, 'Not Found', err.message, requestId, 'not_found');
        if (err instanceof HandlerUnavailableError)
          return sendProblem(res, 501, 'Not Implemented', err.message, requestId, 'function_not_implemented');
        log.error('scheduler', `${name} failed`, err);
        return sendProblem(
          res,
          500,
          'Schedule job failed',
          (err as Error)?.message ?? String(err),
          requestId,
          'schedule_failed',
        );
      }
    }
    if (u.pathname === META_RETURN_PATH && method === 'GET') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'apigw-requestid': requestId })
        .end(metaReturnPage(u.searchParams));
      return;
    }
    if (u.pathname === '/_local/ttl-sweep' && method === 'POST' && c.sweepTtl) {
      return sendJson(res, 200, { deleted: await c.sweepTtl() }, requestId);
    }
    if (u.pathname === '/local-issuer/.well-known/jwks.json' && method === 'GET' && options.jwt.jwks) {
      return sendJson(res, 200, options.jwt.jwks(), requestId);
    }
    return sendProblem(
      res,
      404,
      'Not Found',
      `No local control route for ${method} ${u.pathname}`,
      requestId,
      'route_not_found',
    );
  };

  // Node closes an idle keep-alive connection after 5 s; a client that keeps it 4 s (fetch's default) on an
  // event loop running late reuses it just as it closes, and its request fails with ECONNRESET (seen in the
  // tests on a loaded machine). Front doors keep idle connections about a minute, and so does this one:
  // fetch then keeps them 2 s less than the minute the server announces.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** the tenant rule of tenant-context.ts: a token for any other id would be refused by every route */
const DevTokenRequest = z
  .object({
    tenantId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'tenantId: 1 to 64 letters, digits, ".", "_" or "-"'),
  })
  .strict();

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Where `npm start`'s walkthrough sends the person back after consenting: this runtime itself. */
export const META_RETURN_PATH = '/_local/meta-return';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page a frontend would show after the connect flow: what the query says, nothing more. */
function metaReturnPage(q: URLSearchParams): string {
  const rows = ['status', 'connectionId', 'missingFeatures', 'reason']
    .filter((k) => q.has(k))
    .map((k) => `<dt>${k}</dt><dd><code id="${k}">${escapeHtml(q.get(k)!)}</code></dd>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meta connection: ${escapeHtml(q.get('status') ?? 'unknown')}</title></head>
<body><h1>Meta connection: ${escapeHtml(q.get('status') ?? 'unknown')}</h1>
<dl>
${rows}
</dl></body></html>
`;
}

/**
 * Like API Gateway with a CorsConfiguration: a preflight (OPTIONS with Origin and
 * Access-Control-Request-Method) is answered 204 here, before any route or authorizer, with the policy's
 * headers for an allowed origin and none for another; any other request from an allowed origin gets
 * `access-control-allow-origin` on whatever answers it. Returns true when it answered a preflight.
 */
function applyCors(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  allowedOrigins: readonly string[],
  requestId: string,
): boolean {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  const decision = decideCorsOrigin(origin, allowedOrigins);
  const preflight =
    req.method === 'OPTIONS' && origin !== undefined && !!req.headers['access-control-request-method'];
  const headers = decision.allowed ? corsHeaders(decision.origin, preflight) : {};
  if (preflight) {
    req.resume();
    res.writeHead(204, { ...headers, 'apigw-requestid': requestId }).end();
    return true;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return false;
}

/** Resolves to the body, or null when it exceeds `max` (the rest is discarded). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function writeResponse(
  res: http.ServerResponse,
  r: HttpResponseParts,
  requestId: string,
  corsConfigured: boolean,
) {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of r.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) {
    if (name === 'content-length' || name === 'transfer-encoding' || name === 'connection') continue;
    // API Gateway ignores CORS headers a function returns when the API has a CorsConfiguration
    if (corsConfigured && name.startsWith('access-control-')) continue;
    const already = name === 'vary' ? res.getHeader('vary') : undefined;
    if (already) values.unshift(String(already));
    res.setHeader(name, name === 'set-cookie' ? values : values.join(', '));
  }
  res.setHeader('apigw-requestid', requestId);
  res.setHeader('content-length', r.body.length);
  res.statusCode = r.statusCode;
  res.end(r.body);
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  contentType = 'application/json',
) {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', text.length);
  res.setHeader('apigw-requestid', requestId);
  res.end(text);
}

function sendProblem(
  res: http.ServerResponse,
  status: number,
  title: string,
  detail: string,
  requestId: string,
  reason: string,
) {
  sendJson(
    res,
    status,
    { type: 'about:blank', title, status, detail, reason },
    requestId,
    'application/problem+json',
  );
}
