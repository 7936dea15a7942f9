/** Unauthenticated service routes: readiness and the OpenAPI document. */
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { lambdaExports } from '../../platform/wiring/lambda-handler';
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

export const { awsRuntime, handler } = lambdaExports(awsPublicRuntime, createHandler);
