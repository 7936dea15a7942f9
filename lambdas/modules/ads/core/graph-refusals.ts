/**
 * What a Graph failure means for a person's request made with a connection's token: a problem they can act
 * on, with its reason; a token Meta no longer accepts also marks the connection expired (once). Workers use
 * the platform's tokenRefused directly.
 */
import { MetaGraphError } from '../../../platform/core/graph/graph-error';
import { problemFromGraph } from '../../../platform/core/graph/graph-problem';
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
  return problemFromGraph(err, () => tokenRefused(deps, connection, err, actor));
}
