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
import * as z from '../../contracts/zod';
import { DomainError } from '../../core/errors';
import { MetaGraphError, MetaNetworkError, type MetaErrorBody } from '../../core/graph/graph-error';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../core/graph/retry-policy';
import { readUsageHeaders, type UsageReport } from '../../core/graph/usage-headers';
import { throttleDelay } from '../../core/graph/throttle-policy';
import type { GraphCallGate } from '../../core/graph/graph-pause';
import { retryAfterMs } from '../../core/graph/retry-after';
import { graphPathTemplate } from '../../core/graph/graph-path-template';
import type { GraphCallObserver } from './graph-call-observer';

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
  /** told of each HTTP exchange (method, path template, status): traces and metrics */
  observer?: GraphCallObserver;
}

export interface GraphRequest<T> {
  token?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** POST parameters as an `application/x-www-form-urlencoded` body, as Meta's own SDKs send them */
  form?: Record<string, string | number | boolean | undefined>;
  /** POST parameters as an `application/json` body, for endpoints that take JSON (WhatsApp sends) */
  json?: Record<string, unknown>;
  schema: z.ZodMiniType<T>;
  /** reads default to idempotent; a write is retried only when the caller says repeating it is safe */
  idempotent?: boolean;
  /** told this answer's usage report (success or error), e.g. to pace one ad account */
  onUsage?: (usage: UsageReport) => void;
}

const ErrorEnvelope = z.object({
  error: z.object({
    message: z._default(z.string(), 'Unknown error'),
    type: z.optional(z.string()),
    code: z.coerce.number().check(z.int()),
    error_subcode: z.optional(z.coerce.number().check(z.int())),
    error_user_title: z.optional(z.string()),
    error_user_msg: z.optional(z.string()),
    is_transient: z.optional(z.boolean()),
    fbtrace_id: z.optional(z.string()),
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

    const observed = this.observe(method, path);
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
      observed({ status: null, errorCode: null });
      throw new MetaNetworkError(`${method} ${cleanPath(path)} got no answer`, timedOut);
    }

    const usage = readUsageHeaders((n) => res.headers.get(n));
    this.pace(cleanPath(path), usage);
    req.onUsage?.(usage);
    let text: string;
    try {
      text = await res.text();
    } catch {
      observed({ status: res.status, errorCode: null });
      throw new MetaNetworkError(`${method} ${cleanPath(path)} answer was cut off`, true);
    }
    const json = parseJson(text);
    const envelope = ErrorEnvelope.safeParse(json);
    observed({ status: res.status, errorCode: envelope.success ? envelope.data.error.code : null });
    return answerOf(res.status, json, usage, req.schema, `${method} ${cleanPath(path)}`, {
      retryAfter: res.headers.get('retry-after'),
    });
  }

  private observe(method: string, path: string) {
    if (!this.opts.observer) return () => {};
    const pathTemplate = graphPathTemplate(path);
    const urlTemplate = `${this.opts.baseUrl.replace(/\/$/, '')}/${this.opts.version}${pathTemplate}`;
    return this.opts.observer.start({ method, pathTemplate, urlTemplate });
  }

  /**
   * Reads through one Graph batch request (https://developers.facebook.com/docs/graph-api/batch-requests):
   * up to 50 GETs in one HTTP call, each with its own token and `appsecret_proof` in its `relative_url`
   * (the batch's token is only the fallback), each answered on its own. Meta counts every request toward
   * the rate limits, so batching saves round trips, not budget; each answer's usage headers pace the
   * client like a call's own. A request Meta refused is its own MetaGraphError, one that did not finish
   * within the batch's time limit is `not_completed` (Meta answers null: retry it), and a batch that
   * failed as a whole (network, 5xx) is retried like any read.
   */
  async batch<T>(items: ReadonlyArray<BatchRead<T>>, fallbackToken: string): Promise<Array<BatchResult<T>>> {
    if (items.length === 0) return [];
    if (items.length > MAX_BATCH) throw new Error(`a Graph batch holds at most ${MAX_BATCH} requests`);
    const secret = await this.opts.appSecret();
    const requests = items.map((item) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(item.query ?? {})) if (v !== undefined) q.set(k, String(v));
      q.set('access_token', item.token);
      q.set('appsecret_proof', createHmac('sha256', secret).update(item.token).digest('hex'));
      return { method: 'GET', relative_url: `${item.path.replace(/^\//, '')}?${q.toString()}` };
    });
    const answers = await this.request('POST', '', {
      token: fallbackToken,
      form: { batch: JSON.stringify(requests), include_headers: true },
      schema: BatchAnswers,
      // every request in it is a read
      idempotent: true,
    });
    return items.map((item, i): BatchResult<T> => {
      const answer = answers[i];
      if (!answer) return { ok: false, reason: 'not_completed' };
      const headers = new Map((answer.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
      const usage = readUsageHeaders((n) => headers.get(n.toLowerCase()) ?? null);
      this.pace(cleanPath(item.path), usage);
      item.onUsage?.(usage);
      try {
        return {
          ok: true,
          value: answerOf(
            answer.code,
            parseJson(answer.body ?? ''),
            usage,
            item.schema,
            `GET ${cleanPath(item.path)}`,
            { retryAfter: headers.get('retry-after') ?? null },
          ),
          usage,
        };
      } catch (err) {
        if (err instanceof MetaGraphError || err instanceof DomainError)
          return { ok: false, reason: 'error', error: err, usage };
        throw err;
      }
    });
  }

  /** what Meta said about usage holds back the next call, in any run of this client */
  private pace(path: string, usage: UsageReport): void {
    this.opts.onUsage?.(path, usage);
    const throttle = throttleDelay(usage);
    if (throttle.delayMs > 0) {
      this.pauseUntil = Math.max(
        this.pauseUntil,
        Date.now() + Math.min(throttle.delayMs, this.opts.retryPolicy?.maxInlineWaitMs ?? 5_000),
      );
      this.opts.onThrottle?.({ path, ...throttle });
    }
  }
}

/** Meta's limit on requests in one batch */
export const MAX_BATCH = 50;

/** One read in a batch: relative to the pinned version, with its own token. */
export interface BatchRead<T> {
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  token: string;
  schema: z.ZodMiniType<T>;
  onUsage?: (usage: UsageReport) => void;
}

export type BatchResult<T> =
  | { ok: true; value: T; usage: UsageReport }
  | { ok: false; reason: 'error'; error: MetaGraphError | DomainError; usage: UsageReport }
  | { ok: false; reason: 'not_completed' };

/** The batch's answer: one element per request, in order; null for one that did not complete in time. */
const BatchAnswers = z
  .array(
    z.nullable(
      z.object({
        code: z.number().check(z.int()),
        headers: z.optional(
          z.array(z.object({ name: z.string(), value: z.string() })).check(z.maxLength(100)),
        ),
        body: z.optional(z.nullable(z.string().check(z.maxLength(5_000_000)))),
      }),
    ),
  )
  .check(z.maxLength(MAX_BATCH));

/** A Graph answer (a whole call's, or one request's in a batch) as the value it promises, or Meta's error. */
function answerOf<T>(
  status: number,
  json: unknown,
  usage: UsageReport,
  schema: z.ZodMiniType<T>,
  what: string,
  headers: { retryAfter: string | null },
): T {
  const envelope = ErrorEnvelope.safeParse(json);
  if (status < 200 || status >= 300 || envelope.success) {
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
      : { message: `HTTP ${status} without a Graph error object`, code: status >= 500 ? 2 : 1 };
    // Meta's estimate in the usage headers, or an HTTP Retry-After, whichever is longer
    const waitMs = Math.max(usage.regainAccessMs, retryAfterMs(headers.retryAfter, Date.now()) ?? 0);
    throw new MetaGraphError(status, error, waitMs > 0 ? waitMs : null);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      'upstream',
      `Meta answered ${what} with an unexpected shape`,
      'graph_response_invalid',
      parsed.error.issues.slice(0, 5).map((i) => ({ field: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
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
