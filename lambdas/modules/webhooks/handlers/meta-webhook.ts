/**
 * The one public webhook endpoint Meta calls. GET is the subscription handshake; POST is a signed
 * delivery that is verified, split and handed to the bus before the 200. Built from the webhooks
 * module's wiring only: the Meta secret, the bus and the table (for parking).
 */
import { receiveDelivery } from '../core/receive-delivery';
import { verifyHandshake } from '../../../core/webhooks/verify-signature';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { rawBody } from '../../../platform/handlers/parse-request';
import { problem } from '../../../platform/handlers/problem';
import { API_PREFIX } from '../../../platform/contracts/routes';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { awsWebhookRuntime, receiveWiring, type WebhookRuntime } from '../wiring/webhook';

export function createHandler(rt: WebhookRuntime) {
  const receive = receiveWiring(rt);
  return httpHandler(rt, {
    [`GET ${API_PREFIX}/meta/webhook`]: async (event) => {
      const { verifyToken } = await rt.clients.secrets.metaApp();
      const result = verifyHandshake(event.queryStringParameters ?? {}, verifyToken);
      if (!result.ok) {
        rt.logger.warn('webhook handshake refused', { reason: result.reason });
        return problem({ status: 403, detail: 'Verification refused', reason: result.reason });
      }
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: result.challenge };
    },
    [`POST ${API_PREFIX}/meta/webhook`]: async (event) => {
      const headers = event.headers ?? {};
      const outcome = await receiveDelivery(receive, {
        rawBody: rawBody(event),
        signature256: headers['x-hub-signature-256'],
        signature1: headers['x-hub-signature'],
      });
      if (outcome.status === 401) {
        rt.logger.warn('webhook signature refused', { reason: outcome.reason });
        return problem({
          status: 401,
          detail: 'The X-Hub-Signature-256 header does not match this body',
          reason: outcome.reason,
        });
      }
      rt.logger.info('webhook accepted', {
        deliveryId: outcome.deliveryId,
        events: outcome.eventCount,
        reason: outcome.reason,
      });
      return json(200, { received: outcome.eventCount, deliveryId: outcome.deliveryId });
    },
  });
}

export const { awsRuntime, handler } = lambdaExports(awsWebhookRuntime, createHandler);
