/**
 * `Idempotency-Key` at the HTTP edge (the rules are in platform/core/idempotency): claim the key for the tenant,
 * run the create once, keep its successful answer for 24 hours and give that answer to a retry.
 *
 * Not Powertools' idempotency utility: its records share one partition per function, while ours live in
 * the tenant's partition (so a tenant purge finds them), and answers that carry message text must be
 * sealed with the tenant's data key before they are stored, like every other stored text.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../core/errors';
import {
  checkKey,
  decideOnExisting,
  newClaim,
  requestHash,
  type IdempotencyStore,
  type StoredResponse,
} from '../core/idempotency/idempotent-request';
import type { Clock } from '../core/ports';
import { routeKey, type IdempotentCreate, type RouteSpec } from '../contracts/routes';
import { rawBody } from './parse-request';
import { problem } from './problem';
import { callerFrom } from './tenant-context';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** set on an answer that is a stored copy, so a client can tell a retry from a first create */
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotency-replayed';

type Result = APIGatewayProxyStructuredResultV2;

/** Seals a stored answer that carries message text with the tenant's data key (the inbox's field cipher). */
export interface AnswerSealer {
  encrypt(tenantId: string, plaintext: string, aad: string): Promise<string>;
  decrypt(tenantId: string, ciphertext: string, aad: string): Promise<string>;
}

/** What a function's creates need to honour `Idempotency-Key`. */
export interface IdempotencyGate {
  /** routeKey → how its answer is kept; a route not listed takes no key */
  routes: ReadonlyMap<string, IdempotentCreate>;
  store: IdempotencyStore;
  /** the JWT claim that names the tenant whose partition keeps the key */
  tenantClaim: string;
  /** absent: no route of this function seals its answer */
  sealer?: AnswerSealer;
}

/** The gate for these routes' creates (`creates`: operationId → how its answer is kept). */
export function idempotencyGate(
  routes: readonly RouteSpec[],
  creates: Readonly<Record<string, IdempotentCreate>>,
  gate: Omit<IdempotencyGate, 'routes'>,
): IdempotencyGate {
  return {
    ...gate,
    routes: new Map(
      routes.filter((r) => creates[r.operationId]).map((r) => [routeKey(r), creates[r.operationId]!]),
    ),
  };
}

interface Deps {
  gate: IdempotencyGate;
  clock: Clock;
  logger: Logger;
}

export async function idempotent(
  deps: Deps,
  event: APIGatewayProxyEventV2,
  key: string,
  options: IdempotentCreate,
  run: () => Promise<Result>,
): Promise<Result> {
  const check = checkKey(key);
  if (!check.valid) throw new DomainError('validation', check.detail, check.reason);
  const { tenantId } = callerFrom(event, deps.gate.tenantClaim);
  const hash = requestHash(event.requestContext.http.method, event.rawPath, rawBody(event).toString('utf8'));
  const now = deps.clock.now();
  const claim = await deps.gate.store.claim(newClaim(tenantId, key, hash, now), now.getTime());
  if (!claim.claimed) {
    const decision = decideOnExisting(claim.existing, hash);
    deps.logger.info('idempotency key held', { routeKey: event.routeKey, reason: decision.reason });
    if (decision.action === 'refuse') {
      return problem({
        status: decision.status,
        detail: decision.detail,
        reason: decision.reason,
        ...(decision.status === 409 ? { headers: { 'retry-after': '1' } } : {}),
      });
    }
    return replay(deps, tenantId, key, decision.response);
  }

  let result: Result;
  try {
    result = await run();
  } catch (err) {
    await release(deps, tenantId, key);
    throw err;
  }
  const status = result.statusCode ?? 200;
  if (status < 200 || status > 299) {
    await release(deps, tenantId, key);
    return result;
  }
  try {
    const body = result.body ?? '';
    await deps.gate.store.complete(tenantId, key, {
      statusCode: status,
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      body: options.sealAnswer ? await sealer(deps.gate).encrypt(tenantId, body, aad(key)) : body,
      sealed: options.sealAnswer,
    });
  } catch (err) {
    // the create happened: answer it; without a stored copy a retry would create again, so say so
    deps.logger.warn('idempotency answer not stored', {
      routeKey: event.routeKey,
      errorName: err instanceof Error ? err.name : typeof err,
    });
    await release(deps, tenantId, key);
  }
  return result;
}

async function replay(deps: Deps, tenantId: string, key: string, stored: StoredResponse) {
  const body = stored.sealed ? await sealer(deps.gate).decrypt(tenantId, stored.body, aad(key)) : stored.body;
  return {
    statusCode: stored.statusCode,
    headers: { ...stored.headers, [IDEMPOTENCY_REPLAYED_HEADER]: 'true' },
    body,
  };
}

async function release(deps: Deps, tenantId: string, key: string) {
  try {
    await deps.gate.store.release(tenantId, key);
  } catch (err) {
    // the claim's lease runs out on its own; the request's own outcome matters more
    deps.logger.warn('idempotency key not released', { errorName: err instanceof Error ? err.name : '' });
  }
}

const aad = (key: string) => `idempotency:${key}`;

function sealer(gate: IdempotencyGate): AnswerSealer {
  if (!gate.sealer) throw new DomainError('internal', 'No sealer for stored answers here', 'sealer_missing');
  return gate.sealer;
}
