/**
 * Daily token watch. Each connection's user token is inspected with `debug_token`: a token Meta no
 * longer accepts marks the connection expired; one within 7 days of expiry is refreshed where Meta gives
 * a later expiry, and otherwise announced with `connection.expiring` at 7, 3 and 1 days (once each);
 * Page tokens are re-derived after a refresh. Every decision carries its reason.
 */
import { domainEvent } from '../events/domain-event';
import { statusFromExpiry, type ConnectionRecord } from '../connections/connection';
import { expireOnTokenError, markExpired } from '../connections/manage-connections';
import type { ConnectDeps } from '../connections/connect-deps';
import { encryptPageTokens } from '../connections/page-tokens';

export const WARN_AT_DAYS = [7, 3, 1] as const;

export interface WatchOutcome {
  tenantId: string;
  connectionId: string;
  outcome: 'skipped' | 'valid' | 'refreshed' | 'warned' | 'expired';
  reason: string;
  daysLeft?: number;
}

export async function watchTokens(deps: ConnectDeps): Promise<WatchOutcome[]> {
  const out: WatchOutcome[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.connections.listAll({ limit: 100, cursor });
    for (const c of page.items) out.push(await watchOne(deps, c));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export function warningDue(daysLeft: number, sent: readonly number[]): number | null {
  // the smallest threshold reached that was not announced yet
  const reached = WARN_AT_DAYS.filter((d) => daysLeft <= d && !sent.includes(d));
  return reached.length > 0 ? Math.min(...reached) : null;
}

async function watchOne(deps: ConnectDeps, c: ConnectionRecord): Promise<WatchOutcome> {
  const who = { tenantId: c.tenantId, connectionId: c.connectionId };
  if (c.status === 'revoked' || c.status === 'expired' || !c.userTokenCiphertext) {
    return { ...who, outcome: 'skipped', reason: `connection_${c.status}` };
  }
  const now = deps.clock.now();
  const ctx = { tenantId: c.tenantId, connectionId: c.connectionId };
  const token = await deps.vault.decrypt(c.userTokenCiphertext, ctx);
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
  const expiresAt = info.expiresAt?.toISOString() ?? c.tokenExpiresAt;
  const status = statusFromExpiry(expiresAt, now);
  if (status.status === 'expired') {
    await markExpired(deps, c, status.reason, 'system:token-watch');
    return { ...who, outcome: 'expired', reason: status.reason };
  }
  const daysLeft = expiresAt ? (Date.parse(expiresAt) - now.getTime()) / 86_400_000 : Infinity;
  let record: ConnectionRecord = {
    ...c,
    status: status.status,
    statusReason: status.reason,
    tokenExpiresAt: expiresAt,
    dataAccessExpiresAt: info.dataAccessExpiresAt?.toISOString() ?? c.dataAccessExpiresAt,
    grantedScopes: info.scopes.length > 0 ? [...info.scopes].sort() : c.grantedScopes,
    tokenCheckedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (status.status === 'expiring') {
    const refreshed = await tryRefresh(deps, record, token);
    if (refreshed) {
      await deps.connections.update(refreshed);
      return { ...who, outcome: 'refreshed', reason: 'meta_extended_the_token', daysLeft };
    }
    const due = warningDue(daysLeft, record.expiryWarningsSent ?? []);
    if (due !== null) {
      record = { ...record, expiryWarningsSent: [...(record.expiryWarningsSent ?? []), due] };
      await deps.connections.update(record);
      await deps.events.publish([
        domainEvent(
          'connection.expiring',
          c.tenantId,
          `connection.expiring:${c.connectionId}:${expiresAt}:${due}`,
          now,
          {
            connectionId: c.connectionId,
            tokenExpiresAt: expiresAt,
            daysLeft: Math.max(0, Math.floor(daysLeft)),
            threshold: due,
          },
        ),
      ]);
      await deps.audit.record({
        tenantId: c.tenantId,
        id: deps.ids.next('aud'),
        at: now.toISOString(),
        actor: 'system:token-watch',
        action: 'connection.status',
        target: `connection:${c.connectionId}`,
        result: 'success',
        reason: `expiring_within_${due}_days`,
      });
      return { ...who, outcome: 'warned', reason: `expiring_within_${due}_days`, daysLeft };
    }
  }
  await deps.connections.update(record);
  return { ...who, outcome: 'valid', reason: status.reason, daysLeft };
}

/** Meta extends a long-lived token only sometimes; a refresh counts only if it adds at least a day. */
async function tryRefresh(
  deps: ConnectDeps,
  c: ConnectionRecord,
  token: string,
): Promise<ConnectionRecord | null> {
  let grant;
  try {
    grant = await deps.graph.exchangeForLongLived(token);
  } catch {
    return null;
  }
  const now = deps.clock.now();
  const info = await deps.graph.debugToken(grant.accessToken);
  const newExpiry =
    info.expiresAt ?? (grant.expiresIn ? new Date(now.getTime() + grant.expiresIn * 1000) : null);
  // an exchange that only moves the expiry by seconds is the same token's life, not a refresh
  const extended =
    !newExpiry || !c.tokenExpiresAt || newExpiry.getTime() > Date.parse(c.tokenExpiresAt) + 86_400_000;
  if (!info.isValid || !extended) return null;
  const ctx = { tenantId: c.tenantId, connectionId: c.connectionId };
  const pages = c.grantedScopes.includes('pages_show_list')
    ? await deps.graph.listPages(grant.accessToken)
    : [];
  const tokens = await encryptPageTokens(deps.vault, ctx, pages);
  await deps.connections.savePageTokens(c.tenantId, c.connectionId, tokens);
  const expiresAt = newExpiry?.toISOString() ?? null;
  await deps.audit.record({
    tenantId: c.tenantId,
    id: deps.ids.next('aud'),
    at: now.toISOString(),
    actor: 'system:token-watch',
    action: 'connection.token-refresh',
    target: `connection:${c.connectionId}`,
    result: 'success',
    details: { tokenExpiresAt: expiresAt, pageTokens: tokens.length },
  });
  const status = statusFromExpiry(expiresAt, now);
  return {
    ...c,
    userTokenCiphertext: await deps.vault.encrypt(grant.accessToken, ctx),
    tokenExpiresAt: expiresAt,
    status: status.status,
    statusReason: 'token_refreshed',
    expiryWarningsSent: [],
  };
}
