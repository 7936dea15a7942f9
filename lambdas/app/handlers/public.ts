/** Unauthenticated service routes: readiness and the OpenAPI document. */
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { lambdaHandler } from '../../platform/wiring/lambda-handler';
import { API_PREFIX } from '../../platform/contracts/routes';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { awsPublicRuntime, type PublicRuntime } from '../wiring/public-runtime';

export function createHandler(rt: PublicRuntime) {
  let document: Record<string, unknown> | undefined;
  return httpHandler(rt, {
    'GET /health': async () => json(200, { status: 'ok' }),
    [`GET ${API_PREFIX}/openapi.json`]: async () => {
      document ??= buildOpenApiDocument(rt.config.publicBaseUrl);
      return json(200, document, { 'cache-control': 'public, max-age=300' });
    },
  });
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = awsPublicRuntime;

export const handler = lambdaHandler(awsRuntime, createHandler);
