/**
 * Daily token watch. Each connection's user token is inspected with `debug_token`. What ends a
 * connection is whichever comes first: the token's expiry or Meta's data-access expiry (the person must
 * re-consent then, whatever the token says). A token Meta no longer accepts, or a limit that has passed,
 * marks the connection expired; within 7 days of the token's expiry it is refreshed where Meta gives a
 * later expiry (Page tokens re-derived from the new token), and otherwise `connection.expiring` is
 * announced at 7, 3 and 1 days, once each. One connection failing never stops the others. Every
 * decision carries its reason.
 */
import { grantedPages } from './discover-assets';
import { connectionEvent } from '../contracts/events';
import {
  CONNECTION_REVOKED,
  isConnectionRevoked,
  type ConnectionRecord,
  type ConnectionStatus,
} from '../contracts/connection';
import { statusFromExpiry } from './connection';
import { expireOnTokenError, markExpired } from './manage-connections';
import type { TokenWatchDeps } from '../ports';
import { encryptPageTokens } from './page-tokens';
import { graphFailureReason } from './complete-authorization';
import { recordAudit } from '../../../platform/core/record-audit';

export const WARN_AT_DAYS = [7, 3, 1] as const;

/** Connections inspected side by side: a daily sweep of thousands stays within minutes, gently for Meta. */
const CONCURRENCY = 4;

export interface WatchOutcome {
  tenantId: string;
  connectionId: string;
  outcome: 'skipped' | 'valid' | 'refreshed' | 'warned' | 'expired' | 'failed';
  reason: string;
  daysLeft?: number;
}

export async function watchTokens(deps: TokenWatchDeps): Promise<WatchOutcome[]> {
  const out: WatchOutcome[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.connections.listAll({ limit: 100, cursor });
    const queue = [...page.items];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) out.push(await watchSafely(deps, c));
      }),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export function warningDue(daysLeft: number, sent: readonly number[]): number | null {
  // the smallest threshold reached that was not announced yet
  const reached = WARN_AT_DAYS.filter((d) => daysLeft <= d && !sent.includes(d));
  return reached.length > 0 ? Math.min(...reached) : null;
}

export interface ExpiryLimit {
  status: ConnectionStatus;
  reason: string;
  /** the earlier of the two expiries, ISO; null when neither is set */
  at: string | null;
  limitedBy: 'token' | 'data_access';
}

/** Which expiry ends the connection first, and the status that gives now. */
export function expiryLimit(
  tokenExpiresAt: string | null,
  dataAccessExpiresAt: string | null,
  now: Date,
): ExpiryLimit {
  const byDataAccess =
    dataAccessExpiresAt !== null &&
    (tokenExpiresAt === null || Date.parse(dataAccessExpiresAt) < Date.parse(tokenExpiresAt));
  if (!byDataAccess)
    return { ...statusFromExpiry(tokenExpiresAt, now), at: tokenExpiresAt, limitedBy: 'token' };
  const s = statusFromExpiry(dataAccessExpiresAt, now);
  const reason =
    s.status === 'expired'
      ? 'data_access_expired'
      : s.status === 'expiring'
        ? 'data_access_expires_soon'
        : s.reason;
  return { status: s.status, reason, at: dataAccessExpiresAt, limitedBy: 'data_access' };
}

async function watchSafely(deps: TokenWatchDeps, c: ConnectionRecord): Promise<WatchOutcome> {
  try {
    return await watchOne(deps, c);
  } catch (err) {
    // disconnected while it was being checked: nothing to write, and nothing to retry
    if (isConnectionRevoked(err))
      return {
        tenantId: c.tenantId,
        connectionId: c.connectionId,
        outcome: 'skipped',
        reason: CONNECTION_REVOKED,
      };
    // Meta down or throttling for this one: tomorrow's run tries again; the others go on today
    return {
      tenantId: c.tenantId,
      connectionId: c.connectionId,
      outcome: 'failed',
      reason: graphFailureReason('token_check', err),
    };
  }
}

async function watchOne(deps: TokenWatchDeps, c: ConnectionRecord): Promise<WatchOutcome> {
  const who = { tenantId: c.tenantId, connectionId: c.connectionId };
  if (c.status === 'revoked' || c.status === 'expired' || !c.userTokenCiphertext) {
    return { ...who, outcome: 'skipped', reason: `connection_${c.status}` };
  }
  const now = deps.clock.now();
  const token = await deps.vault.decrypt(c.userTokenCiphertext, who);
  let info;
  try {
    info = await deps.graph.debugToken(token);
  } catch (err) {
    const reason = await expireOnTokenError(deps, c, err, 'system:token-watch');
    if (reason) return { ...who, outcome: 'expired', reason };
    throw err;
  }
  if (!info.isValid) {
    const reason =
      info.errorSubcode === 463
        ? 'token_expired'
        : info.errorSubcode === 458
          ? 'app_removed_by_user'
          : 'token_invalid';
    await markExpired(deps, c, reason, 'system:token-watch');
    return { ...who, outcome: 'expired', reason };
  }
  const tokenExpiresAt = info.expiresAt?.toISOString() ?? c.tokenExpiresAt;
  const dataAccessExpiresAt = info.dataAccessExpiresAt?.toISOString() ?? c.dataAccessExpiresAt;
  const limit = expiryLimit(tokenExpiresAt, dataAccessExpiresAt, now);
  if (limit.status === 'expired') {
    await markExpired(deps, c, limit.reason, 'system:token-watch');
    return { ...who, outcome: 'expired', reason: limit.reason };
  }
  const daysLeft = limit.at ? (Date.parse(limit.at) - now.getTime()) / 86_400_000 : Infinity;
  let record: ConnectionRecord = {
    ...c,
    status: limit.status,
    statusReason: limit.reason,
    tokenExpiresAt,
    dataAccessExpiresAt,
    grantedScopes: info.scopes.length > 0 ? [...info.scopes].sort() : c.grantedScopes,
    grantedTargets: info.scopes.length > 0 ? info.grantedTargets : c.grantedTargets,
    tokenCheckedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (limit.status === 'expiring') {
    // a refresh extends the token only; data access needs the person to log in again
    const refreshed = limit.limitedBy === 'token' ? await tryRefresh(deps, record, token) : null;
    if (refreshed) {
      await deps.connections.update(refreshed);
      return { ...who, outcome: 'refreshed', reason: 'meta_extended_the_token', daysLeft };
    }
    const due = warningDue(daysLeft, record.expiryWarningsSent ?? []);
    // a warning is due only for a known expiry (daysLeft is Infinity without one)
    if (due !== null && limit.at !== null) {
      const reason =
        limit.limitedBy === 'token'
          ? `expiring_within_${due}_days`
          : `data_access_expiring_within_${due}_days`;
      record = { ...record, expiryWarningsSent: [...(record.expiryWarningsSent ?? []), due] };
      await deps.connections.update(record);
      await deps.events.publish([
        connectionEvent(
          'connection.expiring',
          c.tenantId,
          `connection.expiring:${c.connectionId}:${limit.at}:${due}`,
          now,
          {
            connectionId: c.connectionId,
            tokenExpiresAt,
            dataAccessExpiresAt,
            expiresAt: limit.at,
            limitedBy: limit.limitedBy,
            daysLeft: Math.max(0, Math.floor(daysLeft)),
            threshold: due,
          },
        ),
      ]);
      await recordAudit(deps, {
        tenantId: c.tenantId,
        at: now,
        actor: 'system:token-watch',
        action: 'connection.status',
        target: `connection:${c.connectionId}`,
        result: 'success',
        reason,
        details: { from: c.status, to: limit.status, expiresAt: limit.at, limitedBy: limit.limitedBy },
      });
      return { ...who, outcome: 'warned', reason, daysLeft };
    }
  }
  await deps.connections.update(record);
  return { ...who, outcome: 'valid', reason: limit.reason, daysLeft };
}

/** Meta extends a long-lived token only sometimes; a refresh counts only if it adds at least a day. */
async function tryRefresh(
  deps: TokenWatchDeps,
  c: ConnectionRecord,
  token: string,
): Promise<ConnectionRecord | null> {
  let grant;
  let info;
  try {
    grant = await deps.graph.exchangeForLongLived(token);
    info = await deps.graph.debugToken(grant.accessToken);
  } catch {
    // no refresh today; the warnings still go out and tomorrow's run tries again
    return null;
  }
  const now = deps.clock.now();
  const newExpiry =
    info.expiresAt ?? (grant.expiresIn ? new Date(now.getTime() + grant.expiresIn * 1000) : null);
  // an exchange that only moves the expiry by seconds is the same token's life, not a refresh
  const extended =
    !newExpiry || !c.tokenExpiresAt || newExpiry.getTime() > Date.parse(c.tokenExpiresAt) + 86_400_000;
  if (!info.isValid || !extended) return null;
  const ctx = { tenantId: c.tenantId, connectionId: c.connectionId };
  const pages = await grantedPages(deps.graph, grant.accessToken, c.grantedScopes, c.grantedTargets);
  const tokens = await encryptPageTokens(deps.vault, ctx, pages);
  await deps.connections.savePageTokens(c.tenantId, c.connectionId, tokens);
  const tokenExpiresAt = newExpiry?.toISOString() ?? null;
  const dataAccessExpiresAt = info.dataAccessExpiresAt?.toISOString() ?? c.dataAccessExpiresAt;
  await recordAudit(deps, {
    tenantId: c.tenantId,
    at: now,
    actor: 'system:token-watch',
    action: 'connection.token-refresh',
    target: `connection:${c.connectionId}`,
    result: 'success',
    details: { tokenExpiresAt, pageTokens: tokens.length },
  });
  const limit = expiryLimit(tokenExpiresAt, dataAccessExpiresAt, now);
  return {
    ...c,
    userTokenCiphertext: await deps.vault.encrypt(grant.accessToken, ctx),
    tokenExpiresAt,
    dataAccessExpiresAt,
    status: limit.status,
    statusReason: 'token_refreshed',
    expiryWarningsSent: [],
  };
}
