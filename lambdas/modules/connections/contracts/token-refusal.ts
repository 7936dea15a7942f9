/**
 * The one change another module makes to a connection: when Meta refuses its token (password changed,
 * app removed, expired), whichever module's Graph call found out marks the connection expired, drops
 * its tokens, audits it and announces `connection.expired`, once. The person must reconnect.
 */
import { tokenRefusalReason } from '../../../platform/core/graph/graph-error';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import { isConnectionRevoked, type ConnectionRecord } from './connection';
import { connectionEvent } from './events';
import { recordAudit } from '../../../platform/core/record-audit';

/** What marking a connection expired writes to. */
export interface TokenRefusalDeps {
  connections: {
    /** Refused with conflict `connection_revoked` when the connection was disconnected meanwhile. */
    update(connection: ConnectionRecord): Promise<void>;
    /** Removes every Page token of the connection; the count removed. */
    deletePageTokens(tenantId: string, connectionId: string): Promise<number>;
  };
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
}

export async function markExpired(
  deps: TokenRefusalDeps,
  c: ConnectionRecord,
  reason: string,
  actor: string,
): Promise<void> {
  if (c.status === 'expired' || c.status === 'revoked') return;
  const now = deps.clock.now();
  // a token Meta no longer accepts is kept by nobody: only a reconnect brings a new one
  const { userTokenCiphertext: _dead, ...rest } = c;
  try {
    await deps.connections.update({
      ...rest,
      status: 'expired',
      statusReason: reason,
      updatedAt: now.toISOString(),
    });
  } catch (err) {
    // disconnected since `c` was read: revoked stays revoked, and its purge must still run
    if (isConnectionRevoked(err)) return;
    throw err;
  }
  const pageTokensDeleted = await deps.connections.deletePageTokens(c.tenantId, c.connectionId);
  await recordAudit(deps, {
    tenantId: c.tenantId,
    at: now,
    actor,
    action: 'connection.status',
    target: `connection:${c.connectionId}`,
    result: 'success',
    reason,
    details: { from: c.status, to: 'expired', tokensDiscarded: true, pageTokensDeleted },
  });
  await deps.events.publish([
    connectionEvent('connection.expired', c.tenantId, deps.ids.next('evt'), now, {
      connectionId: c.connectionId,
      reason,
    }),
  ]);
}

/** {@link markExpired} for a module that holds only the ids: reads the connection first; gone = nothing to do. */
export async function markExpiredById(
  deps: TokenRefusalDeps & {
    connections: { get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined> };
  },
  tenantId: string,
  connectionId: string,
  reason: string,
  actor: string,
): Promise<void> {
  const connection = await deps.connections.get(tenantId, connectionId);
  if (connection) await markExpired(deps, connection, reason, actor);
}

/**
 * When a Graph call failed because Meta no longer accepts the token, marks the connection expired and
 * returns the reason (e.g. `password_changed`); for any other failure returns null and changes nothing.
 */
export async function expireOnTokenError(
  deps: TokenRefusalDeps,
  c: ConnectionRecord,
  err: unknown,
  actor: string,
): Promise<string | null> {
  const reason = tokenRefusalReason(err);
  if (reason) await markExpired(deps, c, reason, actor);
  return reason;
}
