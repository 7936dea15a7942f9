import { KMSClient } from '@aws-sdk/client-kms';
import * as z from '../../contracts/zod';
import { KmsTokenVault } from '../../adapters/vault/kms-vault';
import type { TokenVault } from '../../core/ports';
import { readEnv, type Env } from '../env';
import type { Traced } from './traced';

/** The token vault over the stack's KMS key (TOKEN_KEY_ARN). */
export function awsVault(env: Env, kms: KMSClient = new KMSClient({})): TokenVault {
  return new KmsTokenVault(
    kms,
    readEnv(env, { TOKEN_KEY_ARN: z.string().check(z.minLength(1)) }).TOKEN_KEY_ARN,
  );
}

/** In Lambda: over a KMS client of its own, traced like the function's other clients. */
export const tracedVault = (env: Env, trace: Traced): TokenVault =>
  awsVault(env, trace.sdk(new KMSClient({})));
