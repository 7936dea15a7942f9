/** Meta's redirect after the login dialog. Always answers a redirect the person can follow, or a problem. */
import { completeAuthorization } from '../../core/oauth/complete-authorization';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { errorResponse, httpHandler } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { API_PREFIX } from '../../app/route-table';
import { CONNECTION_OPERATIONS as OPS } from './schemas/connection-schemas';

export function createHandler(deps: AppDependencies) {
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/meta/oauth/callback`]: async (event) => {
      const { query } = parseRequest(event, OPS.metaOAuthCallback);
      const outcome = await completeAuthorization(deps.connect, {
        code: query.code,
        state: query.state,
        error: query.error,
        errorReason: query.error_reason,
      });
      deps.logger.info('oauth callback', {
        outcome: outcome.kind,
        reason: outcome.kind === 'redirect' ? outcome.reason : outcome.error.reason,
      });
      if (outcome.kind === 'problem') return errorResponse(outcome.error, deps, event);
      // no-store: the URL carries a one-time code
      return {
        statusCode: 302,
        headers: { location: outcome.location, 'cache-control': 'no-store' },
        body: '',
      };
    },
  });
}

export const handler = lazyHandler(createHandler);
