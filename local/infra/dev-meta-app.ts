/**
 * The dev Meta app the local runtime starts with. In AWS the app secret and verify token live in Secrets
 * Manager; locally they are seeded into the local Secrets Manager from the environment, with fixed dev
 * defaults so `npm start` works out of the box (the Meta simulator is started with the same values, so
 * signatures agree). The defaults are printed by npm start; they are not secrets and must never be used
 * against real Meta.
 */
import type { MetaAppSecrets } from '../../lambdas/platform/core/ports';
import { deriveStateKey } from '../../lambdas/platform/adapters/secrets/secrets-manager-provider';

export const DEV_META_APP = {
  appId: '100000000000001',
  appSecret: '6c6f63616c2d6465762d736563726574',
  verifyToken: 'local-dev-verify-token',
} as const;

/** The name of the local secret (in AWS the stack names it; functions get its ARN). */
export const LOCAL_META_SECRET_NAME = 'meta-connector/meta-app';

/** What the service will read: the state key derived from the app secret unless STATE_SIGNING_KEY is set. */
export function metaAppSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): MetaAppSecrets {
  const appId = env.META_APP_ID || DEV_META_APP.appId;
  const appSecret = env.META_APP_SECRET || DEV_META_APP.appSecret;
  const verifyToken = env.META_VERIFY_TOKEN || DEV_META_APP.verifyToken;
  const stateSigningKey = env.STATE_SIGNING_KEY || deriveStateKey(appSecret);
  return { appId, appSecret, verifyToken, stateSigningKey };
}

/** The secret's JSON, the shape the deployed secret has: `{appSecret, verifyToken, stateSigningKey?}`. */
export function metaSecretString(env: NodeJS.ProcessEnv = process.env): string {
  const app = metaAppSecretsFromEnv(env);
  return JSON.stringify({
    appSecret: app.appSecret,
    verifyToken: app.verifyToken,
    ...(env.STATE_SIGNING_KEY ? { stateSigningKey: env.STATE_SIGNING_KEY } : {}),
  });
}
