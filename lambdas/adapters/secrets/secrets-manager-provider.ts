import { createHmac } from 'node:crypto';
import { SecretsProvider as PowertoolsSecrets } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import type { MetaAppSecrets, SecretsProvider } from '../../core/ports';

const SecretShape = z.object({
  appSecret: z.string().min(1),
  verifyToken: z.string().min(1),
  stateSigningKey: z.string().min(16).optional(),
});

/**
 * The Meta app secret and verify token live in one Secrets Manager secret (JSON), never in environment
 * variables. Powertools caches the value for a few minutes so a rotation reaches warm functions soon.
 */
export class SecretsManagerMetaSecrets implements SecretsProvider {
  private readonly provider: PowertoolsSecrets;

  constructor(
    client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly appId: string,
    private readonly maxAgeSeconds = 300,
  ) {
    this.provider = new PowertoolsSecrets({ awsSdkV3Client: client });
  }

  async metaApp(): Promise<MetaAppSecrets> {
    const raw = await this.provider.get(this.secretId, { maxAge: this.maxAgeSeconds, transform: 'json' });
    const parsed = SecretShape.safeParse(raw);
    if (!parsed.success)
      throw new Error(`secret ${this.secretId} is not {appSecret, verifyToken, stateSigningKey?}`);
    return {
      appId: this.appId,
      appSecret: parsed.data.appSecret,
      verifyToken: parsed.data.verifyToken,
      stateSigningKey: parsed.data.stateSigningKey ?? deriveStateKey(parsed.data.appSecret),
    };
  }
}

/** A separate key for OAuth state, so a leaked state never helps forge a webhook signature. */
export function deriveStateKey(appSecret: string): string {
  return createHmac('sha256', appSecret).update('oauth-state').digest('hex');
}
