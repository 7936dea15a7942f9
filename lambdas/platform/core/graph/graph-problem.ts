/**
 * The problem a person's request answers with when Meta refused the call made for it with a connection's
 * token: the same words and reasons whichever module made the call. A refused token is first reported
 * through `onTokenRefused` (the module marks the connection expired, once), since the person must connect
 * again before anything made with that token can work.
 */
import { DomainError } from '../errors';
import { classifyGraphError, type MetaGraphError } from './graph-error';
import { GraphPausedError } from './graph-outage';

export async function problemFromGraph(
  err: MetaGraphError,
  onTokenRefused: (reason: string) => Promise<unknown>,
): Promise<DomainError> {
  if (err instanceof GraphPausedError)
    return new DomainError(
      'upstream',
      'Meta is failing for this app, so calls are paused for a few seconds; try again shortly',
      'graph_paused',
    );
  const cls = classifyGraphError(err.httpStatus, err.body);
  switch (cls.category) {
    case 'token':
      await onTokenRefused(cls.reason);
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
