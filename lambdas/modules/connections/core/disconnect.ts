/**
 * A tenant disconnects a Meta connection: permissions are revoked at Meta, tokens are purged at once,
 * and the purge of the connection's data is queued. Meta refusing the revocation (the token is already
 * dead) does not stop the local revocation; it is recorded.
 */
import { revokeConnection } from '../contracts/revoke-connection';
import type { DisconnectDeps } from '../ports';
import { graphFailureReason } from './complete-authorization';
import { requireConnection } from './manage-connections';
import { recordAudit } from '../../../platform/core/record-audit';

export async function disconnect(
  deps: DisconnectDeps,
  tenantId: string,
  connectionId: string,
  actor: string,
) {
  const c = await requireConnection(deps, tenantId, connectionId);
  let metaRevocation = 'no_token_to_revoke';
  if (c.userTokenCiphertext) {
    try {
      const token = await deps.vault.decrypt(c.userTokenCiphertext, { tenantId, connectionId });
      await deps.graph.revokePermissions(token);
      metaRevocation = 'revoked_at_meta';
    } catch (err) {
      metaRevocation = graphFailureReason('meta_revocation', err);
    }
  }
  await revokeConnection(deps, c, { actor, reason: 'disconnected_by_tenant', deletionRequested: true });
  const request = await deps.deletions.request(
    { source: 'disconnect', connections: [{ tenantId, connectionId }] },
    actor,
  );
  await recordAudit(deps, {
    tenantId,
    actor,
    action: 'connection.disconnect',
    target: `connection:${connectionId}`,
    result: 'success',
    reason: metaRevocation,
    details: { confirmationCode: request.code },
  });
  return {
    connectionId,
    status: 'revoked' as const,
    metaRevocation,
    deletion: { confirmationCode: request.code, status: request.status },
  };
}
