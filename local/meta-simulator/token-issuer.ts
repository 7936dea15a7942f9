/** Mints the tokens Meta hands out, with Meta's lifetimes (https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived). */
import type { IdSource } from './ids';
import type { TokenRecord, World } from './world';

export const SHORT_LIVED_SECONDS = 5400;
export const LONG_LIVED_SECONDS = 5183944;
/** a Page token derived from a short-lived user token lives one hour */
export const SHORT_PAGE_TOKEN_SECONDS = 3600;
/** data access lapses 90 days after the person was last active */
export const DATA_ACCESS_SECONDS = 90 * 24 * 3600;

function uniqueToken(world: World, make: (ids: IdSource) => string): string {
  for (;;) {
    const value = make(world.ids);
    if (!world.tokens.has(value)) return value;
  }
}

export function issueUserToken(
  world: World,
  now: number,
  grant: {
    userId: string;
    scopes: string[];
    declined: string[];
    pageIds: string[] | null;
    longLived: boolean;
  },
): TokenRecord {
  const record: TokenRecord = {
    value: uniqueToken(world, (ids) => ids.accessToken()),
    type: 'USER',
    userId: grant.userId,
    pageId: null,
    scopes: [...grant.scopes],
    declined: [...grant.declined],
    pageIds: grant.pageIds ? [...grant.pageIds] : null,
    issuedAt: now,
    expiresAt: now + (grant.longLived ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS),
    longLived: grant.longLived,
    parent: null,
    invalidated: null,
  };
  world.tokens.set(record.value, record);
  return record;
}

/**
 * The Page token `me/accounts` or `/{page}?fields=access_token` hands out. Asking again with the same user
 * token returns the same Page token while it is still good, as Meta does in practice.
 */
export function pageTokenFor(world: World, now: number, parent: TokenRecord, pageId: string): TokenRecord {
  for (const t of world.tokens.values()) {
    if (
      t.type === 'PAGE' &&
      t.parent === parent.value &&
      t.pageId === pageId &&
      !t.invalidated &&
      (t.expiresAt === 0 || t.expiresAt > now)
    ) {
      return t;
    }
  }
  const record: TokenRecord = {
    value: uniqueToken(world, (ids) => ids.accessToken()),
    type: 'PAGE',
    userId: parent.userId,
    pageId,
    scopes: [...parent.scopes],
    declined: [...parent.declined],
    pageIds: parent.pageIds ? [...parent.pageIds] : null,
    issuedAt: now,
    expiresAt: parent.longLived ? 0 : Math.min(now + SHORT_PAGE_TOKEN_SECONDS, parent.expiresAt),
    longLived: parent.longLived,
    parent: parent.value,
    invalidated: null,
  };
  world.tokens.set(record.value, record);
  return record;
}

/** `grant_type=client_credentials`: Meta's app tokens read `{appId}|{opaque}` */
export function issueAppToken(world: World, now: number, appId: string): TokenRecord {
  const record: TokenRecord = {
    value: uniqueToken(world, (ids) => `${appId}|${ids.alnum(27)}`),
    type: 'APP',
    userId: null,
    pageId: null,
    scopes: [],
    declined: [],
    pageIds: null,
    issuedAt: now,
    expiresAt: 0,
    longLived: true,
    parent: null,
    invalidated: null,
  };
  world.tokens.set(record.value, record);
  return record;
}

/** The user removed the app, revoked permissions or changed their password: every token of theirs dies. */
export function invalidateUserTokens(
  world: World,
  userId: string,
  reason: { subcode: number; message: string },
): number {
  let n = 0;
  for (const t of world.tokensOfUser(userId)) {
    if (t.invalidated) continue;
    t.invalidated = { ...reason };
    n++;
  }
  return n;
}
