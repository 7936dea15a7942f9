/** Meta's redirect after the login dialog. Always answers a redirect the person can follow, or a problem. */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { errorResponse, httpHandler } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { CONNECTION_OPERATIONS as OPS } from '../contracts/http';
import { completeAuthorization } from '../core/complete-authorization';
import { awsOAuthCallbackRuntime, connectWiring, type OAuthCallbackRuntime } from '../wiring';

export function createHandler(rt: OAuthCallbackRuntime) {
  const connect = connectWiring(rt);
  return httpHandler(rt, {
    [`GET ${API_PREFIX}/meta/oauth/callback`]: async (event) => {
      const { query } = parseRequest(event, OPS.metaOAuthCallback);
      const outcome = await completeAuthorization(connect, {
        code: query.code,
        state: query.state,
        error: query.error,
        errorReason: query.error_reason,
      });
      rt.logger.info('oauth callback', {
        outcome: outcome.kind,
        reason: outcome.kind === 'redirect' ? outcome.reason : outcome.error.reason,
      });
      if (outcome.kind === 'problem') return errorResponse(outcome.error, rt, event);
      // no-store: the URL carries a one-time code
      return {
        statusCode: 302,
        headers: { location: outcome.location, 'cache-control': 'no-store' },
        body: '',
      };
    },
  });
}

export const { awsRuntime, handler } = lambdaExports(awsOAuthCallbackRuntime, createHandler);
