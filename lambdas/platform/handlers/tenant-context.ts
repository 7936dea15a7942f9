import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../core/errors';

export interface Caller {
  tenantId: string;
  /** `user:<sub>` for the audit log */
  actor: string;
}

interface JwtContext {
  authorizer?: { jwt?: { claims?: Record<string, unknown> } };
}

const TENANT_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * API Gateway's JWT authorizer hands the token's claims to the function in
 * `requestContext.authorizer.jwt.claims`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), and in
 * payload format 2.0 every claim arrives as a string: a number as its digits (`"exp": "1612061676"`, see
 * https://github.com/awsdocs/amazon-api-gateway-developer-guide/issues/113), `true`/`false`/`null` as
 * those words, an array as `[a b]`, an object as its JSON. So a token whose tenant claim was `null`,
 * `true` or `12345` would reach us as the tenant "null", "true" or "12345", and two users with
 * `tenant_id: null` would share one tenant. A tenant claim that reads as a JSON literal is therefore
 * refused, whatever its type was in the token; arrays and objects fail the id pattern already.
 */
const JSON_LITERAL = /^(?:null|true|false|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/** The tenant comes from the verified JWT only (API Gateway's authorizer, or the local verifier). */
export function callerFrom(event: APIGatewayProxyEventV2, tenantClaim: string): Caller {
  const claims = (event.requestContext as unknown as JwtContext).authorizer?.jwt?.claims ?? {};
  const tenantId = claims[tenantClaim];
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId) || JSON_LITERAL.test(tenantId)) {
    throw new DomainError(
      'unauthorized',
      `The token carries no valid ${tenantClaim} claim`,
      'tenant_claim_missing',
    );
  }
  const sub = typeof claims.sub === 'string' ? claims.sub : 'unknown';
  return { tenantId, actor: `user:${sub}` };
}
