import { createHmac } from 'node:crypto';
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import type { SecretsManagerApi } from '../aws-http/secrets-manager-api';
import * as z from '../../contracts/zod';
import type { MetaAppSecrets, SecretsProvider } from '../../core/ports';

/**
 * `previous*`: what a rotation replaced, accepted for verification until `previousUntil`
 * (docs/operations.md, core/meta/secret-rotation.ts).
 */
const SecretShape = z
  .object({
    appSecret: z.string().check(z.minLength(1)),
    verifyToken: z.string().check(z.minLength(1)),
    stateSigningKey: z.optional(z.string().check(z.minLength(16))),
    previousAppSecret: z.optional(z.string().check(z.minLength(1))),
    previousStateSigningKey: z.optional(z.string().check(z.minLength(16))),
    previousUntil: z.optional(z.iso.datetime({ offset: true })),
  })
  .check(
    z.refine(
      (s) =>
        (s.previousAppSecret === undefined && s.previousStateSigningKey === undefined) || s.previousUntil,
      { message: 'previousUntil is required with previousAppSecret or previousStateSigningKey' },
    ),
  );

/** At most one read past the cache per this long: a flood of bad signatures cannot hammer Secrets Manager. */
export const FRESH_READ_INTERVAL_MS = 30_000;

/**
 * The Meta app secret and verify token live in one Secrets Manager secret (JSON), never in environment
 * variables. Powertools caches the value for a few minutes; a signature that matches none of the cached
 * values asks for a fresh read, so a rotation reaches a warm function at its first request.
 */
export class SecretsManagerMetaSecrets implements SecretsProvider {
  private readonly provider: JsonSecretsProvider;
  private lastFreshRead = Number.NEGATIVE_INFINITY;

  constructor(
    api: SecretsManagerApi,
    private readonly secretId: string,
    private readonly appId: string,
    private readonly maxAgeSeconds = 300,
    private readonly now: () => number = Date.now,
  ) {
    this.provider = new JsonSecretsProvider(api);
  }

  async metaApp(options: { fresh?: boolean } = {}): Promise<MetaAppSecrets> {
    const fresh = options.fresh === true && this.now() - this.lastFreshRead >= FRESH_READ_INTERVAL_MS;
    if (fresh) this.lastFreshRead = this.now();
    const raw = await this.provider.get(this.secretId, {
      maxAge: this.maxAgeSeconds,
      transform: 'json',
      ...(fresh ? { forceFetch: true } : {}),
    });
    const parsed = SecretShape.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `secret ${this.secretId} is not {appSecret, verifyToken, stateSigningKey?, previousAppSecret?, previousStateSigningKey?, previousUntil?}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
    const s = parsed.data;
    const previousStateKey =
      s.previousStateSigningKey ??
      // a derived state key changes with the app secret it is derived from
      (s.stateSigningKey === undefined && s.previousAppSecret
        ? deriveStateKey(s.previousAppSecret)
        : undefined);
    return {
      appId: this.appId,
      appSecret: s.appSecret,
      verifyToken: s.verifyToken,
      stateSigningKey: s.stateSigningKey ?? deriveStateKey(s.appSecret),
      ...(s.previousUntil
        ? {
            previous: {
              ...(s.previousAppSecret ? { appSecret: s.previousAppSecret } : {}),
              ...(previousStateKey ? { stateSigningKey: previousStateKey } : {}),
              until: new Date(s.previousUntil),
            },
          }
        : {}),
    };
  }
}

/**
 * Powertools' caching and JSON transform over our GetSecretValue, as its docs offer for a store of one's own
 * (https://docs.aws.amazon.com/powertools/typescript/latest/features/parameters/#create-your-own-provider):
 * its Secrets Manager provider would bring the SDK's client, which no other part of these functions needs.
 */
class JsonSecretsProvider extends BaseProvider {
  constructor(private readonly api: SecretsManagerApi) {
    super({});
  }

  protected _get(name: string): Promise<string | Uint8Array | undefined> {
    return this.api.getSecretValue(name);
  }

  protected _getMultiple(): Promise<Record<string, unknown> | undefined> {
    return Promise.reject(new Error('Secrets Manager has no path to read several secrets by'));
  }
}

/** A separate key for OAuth state, so a leaked state never helps forge a webhook signature. */
export function deriveStateKey(appSecret: string): string {
  return createHmac('sha256', appSecret).update('oauth-state').digest('hex');
}
