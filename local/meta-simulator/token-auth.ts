/**
 * Who is calling: the token (query, body or `Authorization: Bearer|OAuth`), whether its appsecret_proof is
 * right, whether Meta would still honour it, and what it may see.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { GraphArgs } from './graph-args';
import { GraphError, GraphErrors } from './graph-errors';
import type { TokenRecord, TokenType, World, SimPage } from './world';

export interface Auth {
  type: TokenType;
  value: string;
  /** null for the literal `{appId}|{appSecret}` app token */
  record: TokenRecord | null;
}

export function extractToken(args: GraphArgs, headers: IncomingHttpHeaders): string | null {
  const param = args.str('access_token');
  if (param) return param;
  const header = headers.authorization;
  if (typeof header === 'string') {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

export function appSecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

/** true/false when a proof can be judged, null when there is neither a proof nor a user/Page token to need one */
export function proofValidity(
  token: string | null,
  tokenType: TokenType | null,
  proof: string | undefined,
  appSecret: string,
): boolean | null {
  if (!token) return null;
  if (proof === undefined || proof === '') return tokenType === 'USER' || tokenType === 'PAGE' ? false : null;
  const expected = Buffer.from(appSecretProof(token, appSecret), 'utf8');
  const given = Buffer.from(proof.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function identifyToken(world: World, appId: string, appSecret: string, value: string): Auth | null {
  if (value === `${appId}|${appSecret}`) return { type: 'APP', value, record: null };
  const record = world.tokens.get(value);
  return record ? { type: record.type, value, record } : null;
}

/** null when Meta would honour the token now; else the 190 error Meta gives for it */
export function tokenProblem(record: TokenRecord | null, now: number): GraphError | null {
  if (!record) return null;
  if (record.invalidated) {
    return new GraphError({
      code: 190,
      subcode: record.invalidated.subcode,
      message: record.invalidated.message,
    });
  }
  if (record.expiresAt !== 0 && record.expiresAt <= now)
    return GraphErrors.tokenExpired(record.expiresAt, now);
  return null;
}

export function scopesOf(auth: Auth | null): string[] {
  return auth?.record?.scopes ?? [];
}

export function hasScope(auth: Auth | null, permission: string): boolean {
  return scopesOf(auth).includes(permission);
}

/** any one of the permissions is enough (e.g. `ads_read` or `ads_management`) */
export function requireScope(auth: Auth | null, ...permissions: string[]): void {
  if (auth?.type === 'APP') return;
  if (!permissions.some((p) => hasScope(auth, p))) throw GraphErrors.missingPermission(permissions);
}

/** The Pages a user token reaches: those the person has a role on and ticked in the dialog */
export function pagesVisibleTo(world: World, record: TokenRecord): SimPage[] {
  if (!record.userId) return [];
  const pages = world.pagesOfUser(record.userId);
  return record.pageIds ? pages.filter((p) => record.pageIds?.includes(p.id)) : pages;
}

/**
 * Whether the caller may act on the Page: its own Page token, or a user token of someone with a role on it.
 * Meta answers an unreachable object exactly like a missing one (subcode 33), so callers throw that.
 */
export function canReachPage(world: World, auth: Auth | null, pageId: string): boolean {
  if (!auth?.record) return false;
  if (auth.type === 'PAGE') return auth.record.pageId === pageId;
  if (auth.type === 'USER') return pagesVisibleTo(world, auth.record).some((p) => p.id === pageId);
  return false;
}
