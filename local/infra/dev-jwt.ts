/**
 * The local JWT issuer and the verifier that stands in for API Gateway's JWT authorizer. An ES256 key
 * pair lives in `.local/jwt-key.json` (created on first start) so tokens from `npm run token` keep working
 * across restarts; tests keep the pair in memory. Verification checks what the authorizer checks:
 * signature, `iss`, `aud`, algorithm and the time claims, `exp` being required: API Gateway's JWT
 * authorizer validates `exp` on every token
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), so a
 * token that never expires is refused here too.
 */
import fs from 'node:fs';
import {
  SignJWT,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { readOrCreateKeyFile } from './key-file';

export const DEV_JWT_AUDIENCE = 'meta-connector-local';
export const DEV_JWT_ALG = 'ES256';
export const DEFAULT_TENANT_CLAIM = 'tenant_id';

export const devIssuerFor = (port: number | string): string => `http://localhost:${port}/local-issuer`;

export interface DevJwtOptions {
  issuer: string;
  audience?: string;
  tenantClaim?: string;
  /** JSON key file; absent/null = a fresh in-memory pair (tests) */
  keyFile?: string | null;
}

export interface IssueTokenOptions {
  sub?: string;
  roles?: string[];
  /** seconds, or a jose time span such as '2h' (default '12h') */
  expiresIn?: number | string;
  /** OAuth scopes, space-separated in the `scope` claim */
  scope?: string;
  /** extra claims (they cannot override iss/aud/exp or the tenant claim) */
  claims?: Record<string, unknown>;
}

export interface DevJwt {
  issuer: string;
  audience: string;
  tenantClaim: string;
  issue(tenantId: string, options?: IssueTokenOptions): Promise<string>;
  /** Resolves to the verified payload; rejects on any problem (the authorizer answers 401). */
  verify(token: string): Promise<JWTPayload>;
  /**
   * Signs exactly these claims with the dev key, adding nothing (no `iss`, `aud`, `exp`): tests use it
   * to send what a careless issuer would.
   */
  signClaims(claims: JWTPayload): Promise<string>;
  /** the public key set, as an authorizer would fetch it from the issuer's JWKS URL */
  jwks(): { keys: JWK[] };
}

interface StoredKeyPair {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function createDevJwt(options: DevJwtOptions): Promise<DevJwt> {
  const audience = options.audience ?? DEV_JWT_AUDIENCE;
  const tenantClaim = options.tenantClaim ?? DEFAULT_TENANT_CLAIM;
  const stored = await loadKeyPair(options.keyFile ?? null);
  const privateKey = (await importJWK(stored.privateJwk, DEV_JWT_ALG)) as CryptoKey;
  const publicKey = (await importJWK(stored.publicJwk, DEV_JWT_ALG)) as CryptoKey;

  return {
    issuer: options.issuer,
    audience,
    tenantClaim,
    async issue(tenantId, opts = {}) {
      if (!tenantId) throw new Error('a tenant id is required');
      const claims: Record<string, unknown> = { ...(opts.claims ?? {}) };
      if (opts.roles) claims.roles = opts.roles;
      if (opts.scope) claims.scope = opts.scope;
      claims[tenantClaim] = tenantId;
      return new SignJWT(claims as JWTPayload)
        .setProtectedHeader({ alg: DEV_JWT_ALG, kid: stored.kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(audience)
        .setSubject(opts.sub ?? `dev-user@${tenantId}`)
        .setIssuedAt()
        .setExpirationTime(
          typeof opts.expiresIn === 'number' ? `${opts.expiresIn}s` : (opts.expiresIn ?? '12h'),
        )
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: options.issuer,
        audience,
        algorithms: [DEV_JWT_ALG],
        requiredClaims: ['exp'],
      });
      return payload;
    },
    signClaims: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: DEV_JWT_ALG, kid: stored.kid, typ: 'JWT' })
        .sign(privateKey),
    jwks: () => ({ keys: [{ ...stored.publicJwk, kid: stored.kid, alg: DEV_JWT_ALG, use: 'sig' }] }),
  };
}

async function loadKeyPair(keyFile: string | null): Promise<StoredKeyPair> {
  if (!keyFile) return generateStoredPair();
  // Generation is async (jose) but the file helper is sync: generate only when the file is absent, then
  // write exclusively (a concurrent writer wins and its key is read back).
  const fresh = fs.existsSync(keyFile) ? '' : JSON.stringify(await generateStoredPair(), null, 2);
  const parsed = JSON.parse(readOrCreateKeyFile(keyFile, () => fresh)) as StoredKeyPair;
  if (!parsed.privateJwk || !parsed.publicJwk || !parsed.kid) {
    throw new Error(`${keyFile} is not a dev JWT key file; delete it to generate a new key`);
  }
  return parsed;
}

async function generateStoredPair(): Promise<StoredKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(DEV_JWT_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { kid: await calculateJwkThumbprint(publicJwk), privateJwk: await exportJWK(privateKey), publicJwk };
}
