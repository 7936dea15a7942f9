import * as z from '../../contracts/zod';
import { secretsManagerApi, type SecretsManagerApi } from '../../adapters/aws-http/secrets-manager-api';
import { SECRETS_MANAGER } from '../../adapters/aws-http/services';
import { SecretsManagerMetaSecrets } from '../../adapters/secrets/secrets-manager-provider';
import type { SecretsProvider } from '../../core/ports';
import { readEnv, type Env } from '../env';
import { lambdaJsonClient } from './json-clients';
import type { Traced } from './traced';

/** The Meta app's secrets from Secrets Manager (META_SECRET_ARN), with its id (META_APP_ID). */
export function awsMetaSecrets(env: Env, api: SecretsManagerApi, maxAgeSeconds?: number): SecretsProvider {
  const e = readEnv(env, {
    META_SECRET_ARN: z.string().check(z.minLength(1)),
    META_APP_ID: z.string().check(z.minLength(1)),
  });
  return new SecretsManagerMetaSecrets(api, e.META_SECRET_ARN, e.META_APP_ID, maxAgeSeconds);
}

/** In Lambda: GetSecretValue over the JSON client, traced like the function's other calls. */
export const tracedMetaSecrets = (env: Env, trace: Traced): SecretsProvider =>
  awsMetaSecrets(env, secretsManagerApi(lambdaJsonClient(SECRETS_MANAGER, env, trace.calls)));
