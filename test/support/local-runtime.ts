/**
 * Test helpers around the local runtime.
 *
 *   const rt = withLocalRuntime();              // one runtime per test file (beforeAll/afterAll)
 *   const api = http(rt.runtime, { token: await rt.token('acme') });
 *   const res = await api.post('/api/v1/connections/meta', { features: ['leads'], returnUrl: '...' });
 *
 * The runtime listens on free ports, keeps everything in memory and runs the workers' retry schedules a
 * thousand times faster (each step then rounds up to SQS's 1 s), so retries and dead-lettering happen
 * within a test's time budget through the same ChangeMessageVisibility calls as in AWS.
 */
import type { IssueTokenOptions } from '../../local/infra/dev-jwt';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../local/runtime';
import type { BusEventRecord } from '../../local/infra/event-bus';
import { EVENT_SOURCE } from '../../lambdas/app/topology';
import { checkEventContract } from '../../lambdas/core/events/event-contracts';

export interface LocalRuntimeFixture {
  /** the started runtime (throws if used outside the tests, before beforeAll ran) */
  readonly runtime: LocalRuntime;
  token(tenantId: string, options?: IssueTokenOptions): Promise<string>;
  /** an HTTP client for the API, optionally authenticated as a tenant */
  api(options?: HttpClientOptions): HttpClient;
}

/** The retry clock of test runtimes: a 30-minute step takes 1.8 s, every shorter one 1 s. */
export const TEST_RETRY_TIME_SCALE = 0.001;

export function withLocalRuntime(options: LocalRuntimeOptions = {}): LocalRuntimeFixture {
  let runtime: LocalRuntime | undefined;
  // every public event any test publishes is checked against its contract (docs/events.md)
  const broken: string[] = [];
  const checkContract = (record: BusEventRecord) => {
    options.onBusEvent?.(record);
    if (record.envelope.source !== EVENT_SOURCE) return;
    const check = checkEventContract(record.envelope['detail-type'], record.envelope.detail);
    if (!check.valid)
      broken.push(`${record.envelope['detail-type']} ${check.reason}: ${check.issues.join('; ')}`);
  };
  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      simPort: 0,
      dataDir: null,
      retryTimeScale: TEST_RETRY_TIME_SCALE,
      log: false,
      ...options,
      onBusEvent: checkContract,
    });
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    runtime = undefined;
    if (broken.length > 0)
      throw new Error(`published events that break their contracts:\n${broken.slice(0, 20).join('\n')}`);
  }, 120_000);
  const get = () => {
    if (!runtime) throw new Error('the local runtime is not started (use it inside tests/hooks)');
    return runtime;
  };
  return {
    get runtime() {
      return get();
    },
    token: (tenantId, opts) => get().issueToken(tenantId, opts),
    api: (opts) => http(get(), opts),
  };
}

export interface HttpClientOptions {
  /** sent as `Authorization: Bearer <token>` */
  token?: string;
  headers?: Record<string, string>;
}

/** Response bodies are whatever the API returns; tests assert on them, so `any` is the honest type here. */

export type Json = any;

type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

export interface HttpResult<T = Json> {
  status: number;
  headers: Headers;
  /** parsed body for JSON responses (application/json, application/problem+json, *+json), else undefined */
  json: T;
  text: string;
}

export interface HttpRequestOptions extends HttpClientOptions {
  /** redirects are returned, not followed (default 'manual'), so 302s can be asserted */
  redirect?: FetchInit['redirect'];
}

type Body = unknown;

export interface HttpClient {
  baseUrl: string;
  get<T = Json>(path: string, options?: HttpRequestOptions): Promise<HttpResult<T>>;
  delete<T = Json>(path: string, options?: HttpRequestOptions): Promise<HttpResult<T>>;
  post<T = Json>(path: string, body?: Body, options?: HttpRequestOptions): Promise<HttpResult<T>>;
  put<T = Json>(path: string, body?: Body, options?: HttpRequestOptions): Promise<HttpResult<T>>;
  patch<T = Json>(path: string, body?: Body, options?: HttpRequestOptions): Promise<HttpResult<T>>;
  /** the same client with another (or no) token */
  as(token: string | undefined): HttpClient;
}

/**
 * A small fetch wrapper. Objects are sent as JSON; strings, Buffers and URLSearchParams are sent as they
 * are (set `content-type` in `headers` for strings/Buffers; URLSearchParams get the form type).
 */
export function http(
  target: Pick<LocalRuntime, 'apiUrl'> | string,
  options: HttpClientOptions = {},
): HttpClient {
  const baseUrl = typeof target === 'string' ? target : target.apiUrl;
  const send = async (
    method: string,
    path: string,
    body: Body | undefined,
    opts: HttpRequestOptions = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers, ...opts.headers };
    const token = opts.token ?? options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array | URLSearchParams | undefined;
    if (body === undefined) payload = undefined;
    else if (typeof body === 'string' || body instanceof Uint8Array || body instanceof URLSearchParams)
      payload = body;
    else {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: payload as FetchInit['body'],
      redirect: opts.redirect ?? 'manual',
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let json: unknown;
    if (/[/+]json\b/.test(type) && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: res.headers, json, text } as HttpResult;
  };
  return {
    baseUrl,
    get: (path, o) => send('GET', path, undefined, o),
    delete: (path, o) => send('DELETE', path, undefined, o),
    post: (path, body, o) => send('POST', path, body, o),
    put: (path, body, o) => send('PUT', path, body, o),
    patch: (path, body, o) => send('PATCH', path, body, o),
    as: (token) => http(baseUrl, { ...options, token }),
  };
}
