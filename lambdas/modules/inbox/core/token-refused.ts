/**
 * A Graph call failed because Meta no longer accepts the connection's token (changed password, removed
 * app, expired): the connection is marked expired once and the reason returned, so the caller stops
 * instead of retrying what cannot succeed. Any other failure returns null and changes nothing.
 */
import { tokenRefusalReason } from '../../../platform/core/graph/graph-error';
import type { InboxConnection, InboxConnections } from '../ports';

export async function tokenRefused(
  deps: { connections: Pick<InboxConnections, 'markTokenInvalid'> },
  connection: Pick<InboxConnection, 'tenantId' | 'connectionId'>,
  err: unknown,
  actor: string,
): Promise<string | null> {
  const reason = tokenRefusalReason(err);
  if (reason)
    await deps.connections.markTokenInvalid(connection.tenantId, connection.connectionId, reason, actor);
  return reason;
}
