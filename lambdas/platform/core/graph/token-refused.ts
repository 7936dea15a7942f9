/**
 * A Graph call failed because Meta no longer accepts the connection's token (changed password, removed
 * app, expired): the connection is marked expired once and the reason returned, so the caller stops or
 * parks instead of retrying what cannot succeed. Any other failure returns null and changes nothing.
 * Every module that acts with a connection's token has a connections port with `markTokenInvalid`.
 */
import { tokenRefusalReason } from './graph-error';

export async function tokenRefused(
  deps: {
    connections: {
      markTokenInvalid(tenantId: string, connectionId: string, reason: string, actor: string): Promise<void>;
    };
  },
  connection: { tenantId: string; connectionId: string },
  err: unknown,
  actor: string,
): Promise<string | null> {
  const reason = tokenRefusalReason(err);
  if (reason)
    await deps.connections.markTokenInvalid(connection.tenantId, connection.connectionId, reason, actor);
  return reason;
}
