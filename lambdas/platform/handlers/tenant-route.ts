/**
 * A tenant API route, the shape of nearly every route of the modules' APIs: the caller from the verified
 * JWT (401 without a valid tenant claim), then the request checked against its operation's schemas (400
 * with every issue), then the use case, whose result is the JSON answer. `tenantRoutes(claim)` binds the
 * function's tenant claim once; a route that answers otherwise (204, a computed body) is written out.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from './http-handler';
import { parseRequest, type Parsed, type RequestSchemas } from './parse-request';
import { callerFrom, type Caller } from './tenant-context';

export type TenantRoute = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export function tenantRoutes(tenantClaim: string) {
  return function route<S extends RequestSchemas>(
    schemas: S,
    run: (who: Caller, request: Parsed<S>) => Promise<unknown>,
    status = 200,
  ): TenantRoute {
    return async (event) => {
      const who = callerFrom(event, tenantClaim);
      const request = parseRequest(event, schemas);
      return json(status, await run(who, request));
    };
  };
}
