/**
 * The one public webhook endpoint Meta calls. GET is the subscription handshake; POST is a signed
 * delivery that is verified, split and handed to the bus before the 200.
 */
import { receiveDelivery } from '../../core/webhooks/receive-delivery';
import { verifyHandshake } from '../../core/webhooks/verify-signature';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { rawBody } from '../../platform/handlers/parse-request';
import { problem } from '../../platform/handlers/problem';
import { API_PREFIX } from '../../app/route-table';

export function createHandler(deps: AppDependencies) {
  return httpHandler(deps, {
    [`GET ${API_PREFIX}/meta/webhook`]: async (event) => {
      const { verifyToken } = await deps.secrets.metaApp();
      const result = verifyHandshake(event.queryStringParameters ?? {}, verifyToken);
      if (!result.ok) {
        deps.logger.warn('webhook handshake refused', { reason: result.reason });
        return problem({ status: 403, detail: 'Verification refused', reason: result.reason });
      }
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: result.challenge };
    },
    [`POST ${API_PREFIX}/meta/webhook`]: async (event) => {
      const headers = event.headers ?? {};
      const outcome = await receiveDelivery(deps.receive, {
        rawBody: rawBody(event),
        signature256: headers['x-hub-signature-256'],
        signature1: headers['x-hub-signature'],
      });
      if (outcome.status === 401) {
        deps.logger.warn('webhook signature refused', { reason: outcome.reason });
        return problem({
          status: 401,
          detail: 'The X-Hub-Signature-256 header does not match this body',
          reason: outcome.reason,
        });
      }
      deps.logger.info('webhook accepted', {
        deliveryId: outcome.deliveryId,
        events: outcome.eventCount,
        reason: outcome.reason,
      });
      return json(200, { received: outcome.eventCount, deliveryId: outcome.deliveryId });
    },
  });
}

export const handler = lazyHandler(createHandler);
