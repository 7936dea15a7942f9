/**
 * Idempotency keys for the API's creates (the `Idempotency-Key` request header, as Stripe and the IETF
 * httpapi draft use it): the first request with a key claims it for the tenant; a retry of the same
 * request within 24 hours gets the first answer again instead of creating twice; the same key on another
 * request is refused, because the client has a bug that would otherwise lose a create silently.
 *
 * Only successful answers are kept: a request that failed (4xx/5xx) releases its key, so the client can
 * fix it and retry under the same key.
 */
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** a claim older than this whose request never finished (a crashed function) may be taken over */
export const IN_PROGRESS_LEASE_MS = 60_000;

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  /** the body is sealed with the tenant's data key (answers that carry message text) */
  sealed: boolean;
}

export interface IdempotencyRecord {
  tenantId: string;
  key: string;
  /** hash of the method, path and canonical body of the request that claimed the key */
  requestHash: string;
  status: 'in_progress' | 'completed';
  response?: StoredResponse;
  createdAt: string;
  /** epoch ms until which an in-progress claim holds */
  leaseUntil: number;
  /** epoch seconds: the TTL */
  expiresAt: number;
}

export interface IdempotencyStore {
  /**
   * Records the claim unless a live record holds the key (one not expired, and not an in-progress claim
   * whose lease ran out); returns that record instead.
   */
  claim(
    record: IdempotencyRecord,
    nowMs: number,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
  complete(tenantId: string, key: string, response: StoredResponse): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
  /** every record of the tenant (a purge: stored answers hold copies of what they created) */
  forgetTenant(tenantId: string): Promise<number>;
}

export type KeyCheck = { valid: true } | { valid: false; reason: 'idempotency_key_invalid'; detail: string };

/** 1 to 255 visible ASCII characters: a UUID, a ULID or any opaque token fits. */
export function checkKey(key: string): KeyCheck {
  if (key.length >= 1 && key.length <= 255 && /^[\x21-\x7e]+$/.test(key)) return { valid: true };
  return {
    valid: false,
    reason: 'idempotency_key_invalid',
    detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID',
  };
}

/**
 * The same request is the same method, path and JSON body; key order and whitespace do not make a body
 * different, so a client that re-serializes its retry still matches.
 */
export function requestHash(method: string, path: string, body: string): string {
  let canonical: string;
  try {
    canonical = stableStringify(JSON.parse(body));
  } catch {
    canonical = `raw:${body}`;
  }
  return createHash('sha256').update(`${method} ${path}\n${canonical}`).digest('hex');
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type ExistingDecision =
  | { action: 'replay'; reason: 'same_request_completed'; response: StoredResponse }
  | { action: 'refuse'; status: 409; reason: 'idempotency_key_in_progress'; detail: string }
  | { action: 'refuse'; status: 422; reason: 'idempotency_key_reused'; detail: string };

/** What to answer when the key is already held by a live record. */
export function decideOnExisting(existing: IdempotencyRecord, hash: string): ExistingDecision {
  if (existing.requestHash !== hash) {
    return {
      action: 'refuse',
      status: 422,
      reason: 'idempotency_key_reused',
      detail: 'This Idempotency-Key was used with a different request in the last 24 hours; use a new key',
    };
  }
  if (existing.status === 'completed' && existing.response) {
    return { action: 'replay', reason: 'same_request_completed', response: existing.response };
  }
  return {
    action: 'refuse',
    status: 409,
    reason: 'idempotency_key_in_progress',
    detail: 'A request with this Idempotency-Key is still being processed; retry in a moment',
  };
}

export function newClaim(tenantId: string, key: string, hash: string, now: Date): IdempotencyRecord {
  return {
    tenantId,
    key,
    requestHash: hash,
    status: 'in_progress',
    createdAt: now.toISOString(),
    leaseUntil: now.getTime() + IN_PROGRESS_LEASE_MS,
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}
