/**
 * Graph batch requests (https://developers.facebook.com/docs/graph-api/batch-requests): `POST /` with
 * `batch=[{method, relative_url, body?, name?}]`, at most 50. Each request runs through the same pipeline
 * as a call of its own — its endpoint's contract, its token and proof, the call log, usage and faults — so
 * a batched call is refused exactly where the same call alone would be, and counts once toward the rate
 * limits (the batch itself does not). Answers come back in order: `{code, headers, body}` with `body` a
 * JSON string, or `null` for a request that did not complete in time (a `timeout-after-success` fault on
 * its path: the work was done, the answer is lost, as Meta describes a timed-out batch).
 */
import { GRAPH_CONTRACTS } from './contracts';
import { runGraphCall } from './graph-pipeline';
import type { GraphContext, GraphRouteRegistry } from './route-registry';

interface BatchRequest {
  method: string;
  relative_url: string;
  body?: string;
}

/** `relative_url` is relative to the batch's own version unless it names one */
function splitRelative(relative: string, version: string): { pathname: string; query: URLSearchParams } {
  const [path = '', query = ''] = relative.replace(/^\/+/, '').split('?', 2);
  const versioned = /^v\d+\.\d+(\/|$)/.test(path) ? path : `${version}/${path}`;
  return { pathname: `/${versioned}`, query: new URLSearchParams(query) };
}

async function runBatch(ctx: GraphContext): Promise<unknown> {
  // the contract's rules already checked the shape and the size
  const requests = ctx.args.json('batch') as BatchRequest[];
  const withHeaders = ctx.args.str('include_headers') !== 'false';
  const fallbackToken = ctx.auth?.value ?? null;
  const fallbackProof = ctx.args.str('appsecret_proof');
  const out: unknown[] = [];
  for (const request of requests) {
    const { pathname, query } = splitRelative(request.relative_url, ctx.link.versionPrefix);
    // a request without its own token runs with the batch's token (and the batch's proof of it)
    if (!query.has('access_token') && fallbackToken) {
      query.set('access_token', fallbackToken);
      if (fallbackProof && !query.has('appsecret_proof')) query.set('appsecret_proof', fallbackProof);
    }
    const body = request.body ? Object.fromEntries(new URLSearchParams(request.body)) : {};
    const outcome = await runGraphCall(ctx.core, {
      method: request.method,
      pathname,
      query,
      body,
      bodyKind: request.body ? 'form' : 'none',
      bodyError: null,
      headers: {},
      origin: ctx.link.origin,
    });
    if (outcome.held) {
      out.push(null);
      continue;
    }
    out.push({
      code: outcome.status,
      ...(withHeaders
        ? { headers: Object.entries(outcome.headers).map(([name, value]) => ({ name, value })) }
        : {}),
      body: JSON.stringify(outcome.body),
    });
  }
  return out;
}

export function registerBatchRoutes(r: GraphRouteRegistry): void {
  r.on(GRAPH_CONTRACTS.batch, runBatch);
}
