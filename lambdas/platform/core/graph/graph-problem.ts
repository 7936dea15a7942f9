/**
 * The problem a person's request answers with when Meta refused the call made for it with a connection's
 * token: the same words and reasons whichever module made the call. A refused token is first reported
 * through `onTokenRefused` (the module marks the connection expired, once), since the person must connect
 * again before anything made with that token can work.
 */
import { DomainError } from '../errors';
import { classifyGraphError, MetaGraphError, MetaNetworkError } from './graph-error';
import { GraphPausedError } from './graph-outage';

export async function problemFromGraph(
  err: MetaGraphError,
  onTokenRefused: (reason: string) => Promise<unknown>,
): Promise<DomainError> {
  if (!(err instanceof GraphPausedError)) {
    const cls = classifyGraphError(err.httpStatus, err.body);
    if (cls.category === 'token') await onTokenRefused(cls.reason);
  }
  return graphProblem(err);
}

/**
 * The same problem for a Graph failure that no use case turned into one, at the HTTP edge: Meta's trouble
 * reaches the person as what it is (a wait, a reconnect, a retry), never as our 500. Null: not a Graph failure.
 */
export function graphProblem(err: MetaGraphError): DomainError;
export function graphProblem(err: unknown): DomainError | null;
export function graphProblem(err: unknown): DomainError | null {
  if (err instanceof GraphPausedError) return pausedProblem();
  if (err instanceof MetaNetworkError)
    return new DomainError('upstream', 'Meta did not answer; try again shortly', 'meta_unreachable');
  if (!(err instanceof MetaGraphError)) return null;
  const cls = classifyGraphError(err.httpStatus, err.body);
  switch (cls.category) {
    case 'token':
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

/** A person's call the app-wide pause held: it never reached Meta, so no Meta code or words are given. */
export function pausedProblem(): DomainError {
  return new DomainError(
    'upstream',
    'Not sent to Meta: Meta is failing for this app, so calls are paused for a few seconds; try again shortly',
    'graph_paused',
  );
}
