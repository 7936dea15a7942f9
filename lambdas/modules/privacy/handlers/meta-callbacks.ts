/**
 * Meta's privacy callbacks (deauthorize, data deletion) and the public status page of a deletion. They
 * carry no JWT: a `signed_request` made with the app secret authenticates them.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest, rawBody } from '../../../platform/handlers/parse-request';
import { prefersHtml } from '../../../platform/handlers/prefers-html';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { PRIVACY_OPERATIONS as OPS } from '../contracts/http';
import { deauthorize, deletionStatus, requestDataDeletion } from '../core/meta-callbacks';
import { awsMetaCallbacksRuntime, callbackWiring, type MetaCallbacksRuntime } from '../wiring';

/** Meta posts `application/x-www-form-urlencoded`; the local runtime and API Gateway may base64 it. */
function signedRequestOf(event: APIGatewayProxyEventV2): string | undefined {
  return new URLSearchParams(rawBody(event).toString('utf8')).get('signed_request') ?? undefined;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createHandler(rt: MetaCallbacksRuntime) {
  const deps = callbackWiring(rt);
  return httpHandler(rt, {
    [`POST ${API_PREFIX}/meta/deauthorize`]: async (event) => {
      const result = await deauthorize(deps, signedRequestOf(event));
      rt.logger.info('deauthorize callback', result);
      return json(200, { received: true });
    },
    [`POST ${API_PREFIX}/meta/data-deletion`]: async (event) => {
      const answer = await requestDataDeletion(deps, signedRequestOf(event));
      rt.logger.info('data deletion callback', { confirmationCode: answer.confirmation_code });
      return json(200, answer);
    },
    [`GET ${API_PREFIX}/meta/data-deletion/{code}`]: async (event) => {
      const { params } = parseRequest(event, OPS.metaDataDeletionStatus);
      const status = await deletionStatus(deps, params.code);
      if (prefersHtml(event.headers?.accept)) {
        const done = status.status === 'completed';
        const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Data deletion status</title></head><body>
<h1>Data deletion request ${escapeHtml(status.confirmationCode)}</h1>
<p>Status: <strong>${done ? 'completed' : 'pending'}</strong></p>
<p>Requested: ${escapeHtml(status.requestedAt)}${done && status.completedAt ? `<br>Completed: ${escapeHtml(status.completedAt)}` : ''}</p>
<p>${done ? (status.retained.length > 0 ? 'Your Meta data held by this service has been deleted, except what is listed below.' : 'Every record of your Meta data held by this service has been deleted.') : 'Your Meta data is being deleted; this normally completes within minutes and always within 24 hours.'}</p>
${status.retained.map((r) => `<p>Kept: ${escapeHtml(r)}</p>`).join('\n')}
</body></html>`;
        return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
      }
      return json(200, status);
    },
  });
}

export const { awsRuntime, handler } = lambdaExports(awsMetaCallbacksRuntime, createHandler);
