/**
 * The OAuth `state`: an HMAC-signed JWT that binds the round trip through Meta's dialog to one tenant, one
 * return URL and one set of features; it expires after 10 minutes and can be consumed once (the nonce is
 * recorded through {@link OAuthStateStore}).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Feature } from '../../../core/scopes/scope-registry';

export const STATE_TTL_SECONDS = 600;
const AUDIENCE = 'meta-oauth-state';

export interface OAuthStateClaims {
  tenantId: string;
  returnUrl: string;
  features: Feature[];
  actor: string;
  nonce: string;
  expiresAt: Date;
}

export type StateCheck =
  | { ok: true; claims: OAuthStateClaims }
  | { ok: false; reason: 'state_missing' | 'state_invalid' }
  /** signature good but too old: the return URL is trustworthy, so the user can be sent back with a reason */
  | { ok: false; reason: 'state_expired'; claims: OAuthStateClaims };

const keyBytes = (key: string) => new TextEncoder().encode(key);

export async function signState(
  input: Omit<OAuthStateClaims, 'expiresAt'>,
  key: string,
  now: Date,
): Promise<{ state: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + STATE_TTL_SECONDS;
  const state = await new SignJWT({
    tid: input.tenantId,
    ret: input.returnUrl,
    ftr: input.features,
    act: input.actor,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setJti(input.nonce)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setAudience(AUDIENCE)
    .sign(keyBytes(key));
  return { state, expiresAt: new Date(exp * 1000) };
}

function toClaims(payload: Record<string, unknown>): OAuthStateClaims | undefined {
  const { tid, ret, ftr, act, jti, exp } = payload;
  if (
    typeof tid !== 'string' ||
    typeof ret !== 'string' ||
    typeof jti !== 'string' ||
    typeof exp !== 'number'
  )
    return undefined;
  if (!Array.isArray(ftr) || typeof act !== 'string') return undefined;
  return {
    tenantId: tid,
    returnUrl: ret,
    features: ftr as Feature[],
    actor: act,
    nonce: jti,
    expiresAt: new Date(exp * 1000),
  };
}

/** `key`: one key, or the keys a rotation accepts, current first (core/meta/secret-rotation.ts). */
export async function verifyState(
  state: string | undefined,
  key: string | readonly string[],
  now: Date,
): Promise<StateCheck> {
  if (!state) return { ok: false, reason: 'state_missing' };
  for (const candidate of typeof key === 'string' ? [key] : key) {
    try {
      const { payload } = await jwtVerify(state, keyBytes(candidate), {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: now,
      });
      const claims = toClaims(payload);
      return claims ? { ok: true, claims } : { ok: false, reason: 'state_invalid' };
    } catch (err) {
      // signed with another key: maybe the one a rotation replaced
      if (err instanceof joseErrors.JWSSignatureVerificationFailed) continue;
      // jose checks the signature before the claims, so an expired error means the content is authentic
      if (err instanceof joseErrors.JWTExpired) {
        const claims = toClaims(err.payload);
        if (claims) return { ok: false, reason: 'state_expired', claims };
      }
      return { ok: false, reason: 'state_invalid' };
    }
  }
  return { ok: false, reason: 'state_invalid' };
}
