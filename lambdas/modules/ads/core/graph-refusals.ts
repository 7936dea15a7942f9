/**
 * What a Graph failure means for a person's request made with a connection's token: a problem they can act
 * on, with its reason; a token Meta no longer accepts also marks the connection expired (once). Workers use
 * the platform's tokenRefused directly.
 */
import { DomainError } from '../../../platform/core/errors';
import { MetaGraphError, classifyGraphError } from '../../../platform/core/graph/graph-error';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import type { AdsConnection, AdsConnections } from '../ports';

type Deps = { connections: Pick<AdsConnections, 'markTokenInvalid'> };
type Connection = Pick<AdsConnection, 'tenantId' | 'connectionId'>;

/** The problem a person's request answers with (anything but a Graph error is returned as it is). */
export async function refusalFromGraph(
  deps: Deps,
  connection: Connection,
  err: unknown,
  actor: string,
): Promise<unknown> {
  if (!(err instanceof MetaGraphError)) return err;
  const cls = classifyGraphError(err.httpStatus, err.body);
  switch (cls.category) {
    case 'token':
      await tokenRefused(deps, connection, err, actor);
      return new DomainError(
        'conflict',
        "Meta no longer accepts this connection's token; connect again",
        `connection_expired_${cls.reason}`,
      );
    case 'rate_limit':
      return new DomainError(
        'rate_limited',
        'Meta is throttling calls for this account; try again later',
        cls.reason,
      );
    case 'permission':
      return new DomainError('conflict', 'A permission this action needs was not granted', cls.reason);
    default:
      return new DomainError('upstream', 'Meta could not complete the request', cls.reason);
  }
}
