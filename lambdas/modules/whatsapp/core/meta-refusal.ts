/**
 * What a tenant is told when Meta refuses a management call: Meta's own words and code (they never
 * carry a token), under the status that says what to do next — fix the input (422), reconnect (409),
 * grant the permission (403), wait (429), or try again later (502).
 */
import { DomainError } from '../../../platform/core/errors';
import {
  classifyGraphError,
  MetaGraphError,
  MetaNetworkError,
} from '../../../platform/core/graph/graph-error';
import { GraphPausedError } from '../../../platform/core/graph/graph-outage';
import { pausedProblem } from '../../../platform/core/graph/graph-problem';

/**
 * Meta's "already exists" answers: a template name and language pair taken, or content identical to an
 * existing template in that language.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
 */
const CONFLICT_SUBCODES = new Set([2388023, 2388024]);

export function metaRefusal(err: unknown, action: string): unknown {
  if (err instanceof MetaNetworkError)
    return new DomainError('upstream', `Meta did not answer while trying to ${action}`, 'meta_unreachable');
  if (err instanceof GraphPausedError) return pausedProblem();
  if (!(err instanceof MetaGraphError)) return err;
  const cls = classifyGraphError(err.httpStatus, err.body);
  const said = `Meta refused to ${action}: ${err.body.errorUserMsg ?? err.body.message} (code ${err.code}${err.subcode ? `/${err.subcode}` : ''})`;
  switch (cls.category) {
    case 'token':
      return new DomainError('conflict', `${said}. Reconnect the Meta account.`, cls.reason);
    case 'permission':
      return new DomainError('forbidden', said, 'missing_permission');
    case 'rate_limit':
      return new DomainError('rate_limited', said, cls.reason);
    case 'transient':
    case 'network':
      return new DomainError('upstream', said, cls.reason);
    case 'invalid':
      return CONFLICT_SUBCODES.has(err.subcode ?? -1)
        ? new DomainError('conflict', said, 'template_exists')
        : new DomainError('validation', said, 'meta_refused');
  }
}

/** Runs one Graph call, turning Meta's refusal into the tenant's answer. */
export async function atMeta<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw metaRefusal(err, action);
  }
}
