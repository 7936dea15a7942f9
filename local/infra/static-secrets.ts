/**
 * The local SecretsProvider. In AWS the app secret and verify token come from Secrets Manager; locally
 * they come from the environment, with fixed dev defaults so `npm start` works out of the box (the Meta
 * simulator is started with the same values, so signatures agree). The defaults are printed by npm start;
 * they are not secrets and must never be used against real Meta.
 */
import { createHmac } from 'node:crypto';
import type { MetaAppSecrets, SecretsProvider } from '../../lambdas/core/ports';

export const DEV_META_APP = {
  appId: '100000000000001',
  appSecret: '6c6f63616c2d6465762d736563726574',
  verifyToken: 'local-dev-verify-token',
} as const;

/** The OAuth state key when STATE_SIGNING_KEY is not set: HMAC-SHA256(appSecret, "oauth-state"), hex. */
export function deriveStateSigningKey(appSecret: string): string {
  return createHmac('sha256', appSecret).update('oauth-state').digest('hex');
}

export function metaAppSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): MetaAppSecrets {
  const appId = env.META_APP_ID || DEV_META_APP.appId;
  const appSecret = env.META_APP_SECRET || DEV_META_APP.appSecret;
  const verifyToken = env.META_VERIFY_TOKEN || DEV_META_APP.verifyToken;
  const stateSigningKey = env.STATE_SIGNING_KEY || deriveStateSigningKey(appSecret);
  return { appId, appSecret, verifyToken, stateSigningKey };
}

export class StaticSecretsProvider implements SecretsProvider {
  private readonly secrets: MetaAppSecrets;

  constructor(secrets: MetaAppSecrets) {
    this.secrets = { ...secrets };
  }

  async metaApp(): Promise<MetaAppSecrets> {
    return { ...this.secrets };
  }
}
