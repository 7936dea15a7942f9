import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../../core/errors';

export interface Caller {
  tenantId: string;
  /** `user:<sub>` for the audit log */
  actor: string;
}

interface JwtContext {
  authorizer?: { jwt?: { claims?: Record<string, unknown> } };
}

/** The tenant comes from the verified JWT only (API Gateway's authorizer, or the local verifier). */
export function callerFrom(event: APIGatewayProxyEventV2, tenantClaim: string): Caller {
  const claims = (event.requestContext as unknown as JwtContext).authorizer?.jwt?.claims ?? {};
  const tenantId = claims[tenantClaim];
  if (typeof tenantId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(tenantId)) {
    throw new DomainError(
      'unauthorized',
      `The token carries no valid ${tenantClaim} claim`,
      'tenant_claim_missing',
    );
  }
  const sub = typeof claims.sub === 'string' ? claims.sub : 'unknown';
  return { tenantId, actor: `user:${sub}` };
}
