/**
 * Revocation, the other change another module makes to a connection (Meta's deauthorize and data
 * deletion callbacks, a disconnect): the tokens of a connection are gone at once (user token from the
 * record, Page tokens deleted), the connection is marked revoked and says why, and `connection.revoked`
 * is published. The rest of the connection's data is purged later by the deletion worker.
 */
import type { ConnectionRecord } from './connection';
import { connectionEvent } from './events';
import type { TokenRefusalDeps } from './token-refusal';
import { recordAudit } from '../../../platform/core/record-audit';

export async function revokeConnection(
  deps: TokenRefusalDeps,
  c: ConnectionRecord,
  opts: { actor: string; reason: string; deletionRequested?: boolean },
): Promise<void> {
  const now = deps.clock.now();
  const { userTokenCiphertext: _dropped, ...rest } = c;
  await deps.connections.update({
    ...rest,
    status: 'revoked',
    statusReason: opts.reason,
    updatedAt: now.toISOString(),
    ...(opts.deletionRequested ? { deletionRequestedAt: c.deletionRequestedAt ?? now.toISOString() } : {}),
  });
  const pageTokens = await deps.connections.deletePageTokens(c.tenantId, c.connectionId);
  await recordAudit(deps, {
    tenantId: c.tenantId,
    at: now,
    actor: opts.actor,
    action: 'connection.revoke',
    target: `connection:${c.connectionId}`,
    result: 'success',
    reason: opts.reason,
    details: {
      previousStatus: c.status,
      pageTokensDeleted: pageTokens,
      deletionRequested: Boolean(opts.deletionRequested),
    },
  });
  if (c.status !== 'revoked') {
    await deps.events.publish([
      connectionEvent('connection.revoked', c.tenantId, deps.ids.next('evt'), now, {
        connectionId: c.connectionId,
        reason: opts.reason,
      }),
    ]);
  }
}
