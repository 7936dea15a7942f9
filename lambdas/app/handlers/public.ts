/** Unauthenticated service routes: readiness and the OpenAPI document. */
import { lazyHandler } from '../../handlers/common/aws-dependencies';
import type { AppDependencies } from '../../handlers/common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { API_PREFIX } from '../route-table';

export function createHandler(deps: AppDependencies) {
  let document: Record<string, unknown> | undefined;
  return httpHandler(deps, {
    'GET /health': async () => json(200, { status: 'ok' }),
    [`GET ${API_PREFIX}/openapi.json`]: async () => {
      document ??= buildOpenApiDocument(deps.config.publicBaseUrl);
      return json(200, document, { 'cache-control': 'public, max-age=300' });
    },
  });
}

export const handler = lazyHandler(createHandler);
