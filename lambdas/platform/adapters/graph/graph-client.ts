/**
 * The HTTP side of the Graph API: one pinned version, `appsecret_proof` on every call that carries a
 * token, Meta's error object parsed into {@link MetaGraphError}, usage headers read on every answer, and
 * retries with backoff and jitter for reads (writes are never blindly repeated).
 *
 * Where parameters travel is Meta's contract, not a choice: a GET's and a DELETE's parameters, the token
 * and `appsecret_proof` included, go in the query string as Meta's own SDK sends them
 * (facebook/facebook-python-business-sdk `facebook_business/api.py`), since Meta does not read a DELETE's
 * body; a POST sends a form body (nested values as JSON strings) or, where Meta's endpoint takes one (the
 * WhatsApp Cloud API), a JSON body with the proof in the query string. See docs/meta-contracts.md.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../core/errors';
import { MetaGraphError, MetaNetworkError, type MetaErrorBody } from '../../core/graph/graph-error';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../core/graph/retry-policy';
import { readUsageHeaders, type UsageReport } from '../../core/graph/usage-headers';
import { throttleDelay } from '../../core/graph/throttle-policy';
import type { GraphCallGate } from '../../core/graph/graph-pause';
import { retryAfterMs } from '../../core/graph/retry-after';

export interface GraphClientOptions {
  baseUrl: string;
  version: string;
  appSecret: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** called with every answer's usage report, e.g. to slow a worker down before Meta throttles it */
  onUsage?: (path: string, usage: UsageReport) => void;
  /** told about each retry; must not log tokens (it gets none) */
  onRetry?: (info: { path: string; attempt: number; reason: string; delayMs: number }) => void;
  /** told when usage headers make the client wait before its next call */
  onThrottle?: (info: { path: string; reason: string; delayMs: number }) => void;
  /** asked before every call and told its outcome: the app-wide pause while Meta is down */
  gate?: GraphCallGate;
}

export interface GraphRequest<T> {
  token?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** POST parameters as an `application/x-www-form-urlencoded` body, as Meta's own SDKs send them */
  form?: Record<string, string | number | boolean | undefined>;
  /** POST parameters as an `application/json` body, for endpoints that take JSON (WhatsApp sends) */
  json?: Record<string, unknown>;
  schema: z.ZodType<T>;
  /** reads default to idempotent; a write is retried only when the caller says repeating it is safe */
  idempotent?: boolean;
  /** told this answer's usage report (success or error), e.g. to pace one ad account */
  onUsage?: (usage: UsageReport) => void;
}

const ErrorEnvelope = z.object({
  error: z.object({
    message: z.string().default('Unknown error'),
    type: z.string().optional(),
    code: z.coerce.number().int(),
    error_subcode: z.coerce.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export class GraphClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** no call before this time (epoch ms): set from the usage Meta reported on the last answer */
  private pauseUntil = 0;

  constructor(private readonly opts: GraphClientOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async get<T>(path: string, req: GraphRequest<T>): Promise<T> {
    return this.request('GET', path, { idempotent: true, ...req });
  }

  async post<T>(path: string, req: GraphRequest<T>): Promise<T> {
    return this.request('POST', path, { idempotent: false, ...req });
  }

  async delete<T>(path: string, req: GraphRequest<T>): Promise<T> {
    return this.request('DELETE', path, { idempotent: true, ...req });
  }

  async request<T>(method: string, path: string, req: GraphRequest<T>): Promise<T> {
    const policy = this.opts.retryPolicy ?? DEFAULT_RETRY_POLICY;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, req);
      } catch (err) {
        const decision = decideRetry(err, attempt, {
          idempotent: req.idempotent ?? method === 'GET',
          policy,
        });
        if (!decision.retry) throw err;
        this.opts.onRetry?.({
          path: cleanPath(path),
          attempt,
          reason: decision.reason,
          delayMs: decision.delayMs,
        });
        await this.sleep(decision.delayMs);
      }
    }
  }

  private async once<T>(method: string, path: string, req: GraphRequest<T>): Promise<T> {
    const gate = this.opts.gate;
    if (!gate) return this.send(method, path, req);
    // throws while the Graph API is paused: nothing is sent
    await gate.before(cleanPath(path));
    let result: T;
    try {
      result = await this.send(method, path, req);
    } catch (err) {
      await gate.after(cleanPath(path), err);
      throw err;
    }
    await gate.after(cleanPath(path));
    return result;
  }

  private async send<T>(method: string, path: string, req: GraphRequest<T>): Promise<T> {
    const wait = this.pauseUntil - Date.now();
    if (wait > 0) await this.sleep(wait);
    const url = new URL(
      `${this.opts.baseUrl.replace(/\/$/, '')}/${this.opts.version}/${path.replace(/^\//, '')}`,
    );
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    const inQuery = method === 'GET' || method === 'DELETE';
    const form = inQuery ? url.searchParams : new URLSearchParams();
    for (const [k, v] of Object.entries(req.form ?? {})) if (v !== undefined) form.set(k, String(v));

    if (req.token) {
      const proof = createHmac('sha256', await this.opts.appSecret())
        .update(req.token)
        .digest('hex');
      if (method === 'DELETE') {
        // Meta does not read a DELETE's body, nor do its SDKs send one: the token goes with the proof
        url.searchParams.set('access_token', req.token);
      } else {
        headers.authorization = `Bearer ${req.token}`;
      }
      if (inQuery || req.json) url.searchParams.set('appsecret_proof', proof);
      else form.set('appsecret_proof', proof);
    }
    if (req.json && !inQuery) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (!inQuery && [...form.keys()].length > 0) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = form.toString();
    }

    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new MetaNetworkError(`${method} ${cleanPath(path)} got no answer`, timedOut);
    }

    const usage = readUsageHeaders((n) => res.headers.get(n));
    this.opts.onUsage?.(cleanPath(path), usage);
    req.onUsage?.(usage);
    const throttle = throttleDelay(usage);
    if (throttle.delayMs > 0) {
      this.pauseUntil = Math.max(
        this.pauseUntil,
        Date.now() + Math.min(throttle.delayMs, this.opts.retryPolicy?.maxInlineWaitMs ?? 5_000),
      );
      this.opts.onThrottle?.({ path: cleanPath(path), ...throttle });
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new MetaNetworkError(`${method} ${cleanPath(path)} answer was cut off`, true);
    }
    const json = parseJson(text);
    const envelope = ErrorEnvelope.safeParse(json);
    if (!res.ok || envelope.success) {
      const error: MetaErrorBody = envelope.success
        ? {
            message: envelope.data.error.message,
            type: envelope.data.error.type,
            code: envelope.data.error.code,
            errorSubcode: envelope.data.error.error_subcode,
            errorUserTitle: envelope.data.error.error_user_title,
            errorUserMsg: envelope.data.error.error_user_msg,
            isTransient: envelope.data.error.is_transient,
            fbtraceId: envelope.data.error.fbtrace_id,
          }
        : { message: `HTTP ${res.status} without a Graph error object`, code: res.status >= 500 ? 2 : 1 };
      // Meta's estimate in the usage headers, or an HTTP Retry-After, whichever is longer
      const waitMs = Math.max(
        usage.regainAccessMs,
        retryAfterMs(res.headers.get('retry-after'), Date.now()) ?? 0,
      );
      throw new MetaGraphError(res.status, error, waitMs > 0 ? waitMs : null);
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      throw new DomainError(
        'upstream',
        `Meta answered ${method} ${cleanPath(path)} with an unexpected shape`,
        'graph_response_invalid',
        parsed.error.issues.slice(0, 5).map((i) => ({ field: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The path without ids' query string: safe to log and to use as a metric dimension. */
function cleanPath(path: string): string {
  return path.split('?')[0] ?? path;
}
