/**
 * A Graph call failed because Meta no longer accepts the connection's token (changed password, removed
 * app, expired): the connection is marked expired once and the reason returned, so the caller parks or
 * stops instead of retrying what cannot succeed. Any other failure returns null and changes nothing.
 */
import { tokenRefusalReason } from '../../../platform/core/graph/graph-error';
import type { LeadConnection, LeadConnections } from '../ports';

export async function tokenRefused(
  deps: { connections: Pick<LeadConnections, 'markTokenInvalid'> },
  connection: Pick<LeadConnection, 'tenantId' | 'connectionId'>,
  err: unknown,
  actor: string,
): Promise<string | null> {
  const reason = tokenRefusalReason(err);
  if (reason)
    await deps.connections.markTokenInvalid(connection.tenantId, connection.connectionId, reason, actor);
  return reason;
}
