import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from '../../contracts/zod';
import { SecretsManagerMetaSecrets } from '../../adapters/secrets/secrets-manager-provider';
import type { SecretsProvider } from '../../core/ports';
import { readEnv, type Env } from '../env';
import type { Traced } from './traced';

/** The Meta app's secrets from Secrets Manager (META_SECRET_ARN), with its id (META_APP_ID). */
export function awsMetaSecrets(
  env: Env,
  client: SecretsManagerClient = new SecretsManagerClient({}),
  maxAgeSeconds?: number,
): SecretsProvider {
  const e = readEnv(env, {
    META_SECRET_ARN: z.string().check(z.minLength(1)),
    META_APP_ID: z.string().check(z.minLength(1)),
  });
  return new SecretsManagerMetaSecrets(client, e.META_SECRET_ARN, e.META_APP_ID, maxAgeSeconds);
}

/** In Lambda: over a Secrets Manager client of its own, traced like the function's other clients. */
export const tracedMetaSecrets = (env: Env, trace: Traced): SecretsProvider =>
  awsMetaSecrets(env, trace(new SecretsManagerClient({})));
