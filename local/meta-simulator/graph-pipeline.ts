/**
 * The one place every Graph call goes through: version prefix, parameters, token and appsecret_proof,
 * the call log, usage headers, throttling, injected faults, route dispatch, the endpoint's contract
 * (parameters read only where Meta reads them, required / forbidden / retired values, cross-field rules)
 * and Meta's error envelope. Route files only see a validated {@link GraphContext}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from './call-log';
import { redact } from './call-log';
import { adsCallOf } from './ads-usage';
import { faultError } from './faults';
import { GraphArgs } from './graph-args';
import { errorEnvelope, GraphError, GraphErrors } from './graph-errors';
import { BodyError, bodyKindOf, parseBody, readRawBody, sendJson } from './http-io';
import { checkArgs, readArgs, type BodyKind } from './contracts/contract-check';
import { legacyFeatureError } from './contracts/legacy-features';
import type { TokenKind } from './contracts/contract-types';
import type { GraphContext, HttpMethod } from './route-registry';
import type { SimulatorCore } from './simulator-core';
import { type Auth, extractToken, identifyToken, proofValidity, tokenProblem } from './token-auth';

const VERSION_PREFIX = /^\/(v\d+\.\d+)(?=\/|$)/;

export function splitVersion(pathname: string): { version: string | null; path: string } {
  const m = VERSION_PREFIX.exec(pathname);
  const rest = m ? pathname.slice(m[0].length) : pathname;
  const path = `/${rest.split('/').filter(Boolean).join('/')}`;
  return { version: m?.[1] ?? null, path };
}

interface Outcome {
  status: number;
  body: unknown;
}

export async function handleGraphRequest(
  core: SimulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  let body: Record<string, unknown> = {};
  let bodyKind: BodyKind = 'none';
  let bodyError: GraphError | null = null;
  try {
    const raw = await readRawBody(req);
    bodyKind = bodyKindOf(raw, req.headers['content-type']);
    body = parseBody(raw, req.headers['content-type']);
  } catch (err) {
    bodyError = GraphErrors.invalidParameter(err instanceof BodyError ? err.message : 'unreadable body');
  }
  const outcome = await runGraphCall(core, {
    method: req.method ?? 'GET',
    pathname: url.pathname,
    query: url.searchParams,
    body,
    bodyKind,
    bodyError,
    headers: req.headers,
    origin: requestOrigin(req, core.origin),
  });
  if (outcome.held) core.holdOpen(res, outcome.held.delayMs);
  else sendJson(res, outcome.status, outcome.body, outcome.headers);
}

/** One Graph call as it arrived: on its own, or as one request of a batch (batch-routes.ts). */
export interface GraphCallInput {
  method: string;
  /** with its version prefix, if any */
  pathname: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  bodyKind: BodyKind;
  bodyError: GraphError | null;
  headers: IncomingMessage['headers'];
  /** where paging links point */
  origin: string;
}

export interface GraphCallOutcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** set when a fault holds the answer back (the work was done, the answer is lost) */
  held?: { delayMs: number | undefined };
}

/** A batch is not a call of its own: Meta counts each request in it (https://developers.facebook.com/docs/graph-api/batch-requests). */
const isBatch = (method: string, path: string, args: GraphArgs) =>
  method === 'POST' && path === '/' && args.has('batch');

export async function runGraphCall(core: SimulatorCore, input: GraphCallInput): Promise<GraphCallOutcome> {
  const nowMs = core.clock.nowMs();
  const { version, path: rawPath } = splitVersion(input.pathname);
  const httpMethod = input.method.toUpperCase();
  const { body, bodyKind, bodyError } = input;
  const args = GraphArgs.merge(input.query, body);
  // no `method=` override: a new app sends each verb as itself (contracts/legacy-features.ts)
  const method = httpMethod as HttpMethod;
  const legacy = legacyFeatureError(args);

  const token = extractToken(args, input.headers);
  const auth = token ? identifyToken(core.world, core.appId, core.appSecret, token) : null;
  const proofValid = proofValidity(token, auth?.type ?? null, args.str('appsecret_proof'), core.appSecret);
  const usagePageId = auth?.type === 'PAGE' ? (auth.record?.pageId ?? null) : null;

  const call: CallRecord = core.calls.add({
    method,
    path: rawPath,
    query: redact(input.query) as Record<string, string>,
    ...(Object.keys(body).length > 0 ? { body: redact(Object.entries(body)) } : {}),
    appsecretProofValid: proofValid,
    tokenType: auth?.type ?? null,
    contract: null,
    status: 0,
    answered: true,
    at: new Date(nowMs).toISOString(),
  });

  const counted = !isBatch(method, rawPath, args);
  const throttle = counted ? core.usage.throttle(usagePageId, nowMs) : null;
  if (counted) core.usage.record(usagePageId, nowMs);
  const usageHeaders = core.usage.headers(usagePageId, nowMs);
  // Marketing API calls also count against their ad account's own buckets, and say so in their headers
  const adsCall = usagePageId || !counted ? null : adsCallOf(core.world, rawPath);
  const adsThrottle = adsCall ? core.adsUsage.throttle(adsCall, nowMs, core.world) : null;
  if (adsCall) {
    core.adsUsage.record(adsCall, nowMs);
    const appPercent = Number(JSON.parse(usageHeaders['x-app-usage'] ?? '{}').call_count ?? 0);
    Object.assign(usageHeaders, core.adsUsage.headers(adsCall, nowMs, core.world, appPercent));
  }

  const answer = (outcome: Outcome, extraHeaders: Record<string, string> = {}): GraphCallOutcome => {
    call.status = outcome.status;
    return { status: outcome.status, body: outcome.body, headers: { ...usageHeaders, ...extraHeaders } };
  };
  const fail = (err: GraphError): Outcome => ({
    status: err.status,
    body: errorEnvelope(err, core.traceId()),
  });

  const fault = core.faults.take(method, rawPath, () => core.world.ids.next());
  if (fault) call.faultId = fault.id;
  if (fault && fault.spec.effect === 'fail') {
    if (fault.spec.delayMs) await core.sleep(fault.spec.delayMs);
    return answer(fail(faultError(fault.spec)), fault.spec.headers ?? {});
  }

  let outcome: Outcome;
  if (bodyError) outcome = fail(bodyError);
  else if (legacy) outcome = fail(legacy);
  else if (throttle) outcome = fail(throttle);
  else if (adsThrottle) outcome = fail(adsThrottle);
  else {
    outcome = await dispatch(core, call, {
      method,
      rawPath,
      args,
      raw: { query: input.query, body, bodyKind },
      headers: input.headers,
      token,
      auth,
      proofValid,
      link: {
        origin: input.origin,
        versionPrefix: version ?? core.graphVersion,
        rawPath,
        query: input.query,
      },
    }).catch((err: unknown) => {
      if (err instanceof GraphError) return fail(err);
      // a bug in a route must still look like Meta from the outside
      console.error('[meta-simulator] route failed', err);
      return fail(new GraphError({ code: 1, message: 'An unknown error occurred' }));
    });
  }

  if (fault && fault.spec.effect === 'timeout-after-success') {
    call.status = outcome.status;
    call.answered = false;
    return { ...answer(outcome), held: { delayMs: fault.spec.delayMs } };
  }
  return answer(outcome, fault?.spec.headers ?? {});
}

function requestOrigin(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host ? `http://${host}` : fallback;
}

interface DispatchInput {
  method: HttpMethod;
  rawPath: string;
  /** every parameter, wherever it came from: enough to find the route */
  args: GraphArgs;
  /** the call as sent, for reading it the way its endpoint's contract says */
  raw: { query: URLSearchParams; body: Record<string, unknown>; bodyKind: BodyKind };
  headers: IncomingMessage['headers'];
  token: string | null;
  auth: Auth | null;
  proofValid: boolean | null;
  link: GraphContext['link'];
}

async function dispatch(core: SimulatorCore, call: CallRecord, input: DispatchInput): Promise<Outcome> {
  const { method, rawPath } = input;
  const now = core.now();
  const path = resolveMe(rawPath, input.token, input.auth);
  const match = core.registry.match(method, path, core.world);
  if (!match) {
    // an endpoint with no contract is one Meta does not offer (or the service should not call)
    const first = path.split('/').filter(Boolean)[0] ?? '';
    throw GraphErrors.unsupported(method, first);
  }
  const { contract } = match.route;
  call.contract = contract.id;
  // Meta reads the parameters, the token and its proof included, only where this endpoint takes them
  const args = readArgs(contract, input.raw);
  const token = extractToken(args, input.headers);
  const auth =
    token === input.token
      ? input.auth
      : token
        ? identifyToken(core.world, core.appId, core.appSecret, token)
        : null;
  const proofValid = proofValidity(token, auth?.type ?? null, args.str('appsecret_proof'), core.appSecret);
  call.appsecretProofValid = proofValid;
  const routeAuth = authenticate(core, contract.tokens, { ...input, args, token, auth, proofValid }, now);
  const violation = checkArgs(contract, args);
  if (violation) {
    call.contractViolation = violation.message;
    throw violation;
  }
  const ctx: GraphContext = {
    core,
    world: core.world,
    now,
    method,
    path,
    params: match.params,
    args,
    auth: routeAuth,
    link: input.link,
  };
  const body = await match.route.handle(ctx);
  return { status: 200, body };
}

/** `/me` is the token's person, or the Page for a Page token; app tokens have no `me` */
function resolveMe(path: string, token: string | null, auth: Auth | null): string {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== 'me') return path;
  if (!token) throw GraphErrors.activeUserTokenRequired();
  if (!auth) throw GraphErrors.cannotParseToken();
  const subject =
    auth.type === 'PAGE' ? auth.record?.pageId : auth.type === 'USER' ? auth.record?.userId : null;
  if (!subject) throw GraphErrors.activeUserTokenRequired();
  segments[0] = subject;
  return `/${segments.join('/')}`;
}

function authenticate(
  core: SimulatorCore,
  tokens: readonly TokenKind[],
  input: Pick<DispatchInput, 'token' | 'auth' | 'proofValid' | 'args'>,
  now: number,
): Auth | null {
  if (tokens.length === 1 && tokens[0] === 'none') return null;
  const { token, auth, proofValid } = input;
  if (!token) throw GraphErrors.tokenRequired();
  if (!auth) throw GraphErrors.cannotParseToken();
  // a wrong proof is refused whatever the app setting; a missing one only when the app requires it
  if (proofValid === false) {
    const given = input.args.str('appsecret_proof');
    if (given) throw GraphErrors.proofInvalid();
    if (core.requireAppSecretProof) throw GraphErrors.proofMissing();
  }
  const problem = tokenProblem(auth.record, now);
  if (problem) throw problem;
  const kind = auth.type === 'APP' ? 'app' : auth.type === 'PAGE' ? 'page' : 'user';
  if (tokens.includes(kind)) return auth;
  // Meta's wording for the token it wanted
  if (tokens.length === 1 && tokens[0] === 'app') throw GraphErrors.appTokenRequired();
  if (tokens.length === 1 && tokens[0] === 'page') throw GraphErrors.pageTokenRequired();
  throw GraphErrors.userTokenRequired();
}
