/**
 * Rotating the Meta secret's values without dropping webhooks or OAuth flows in flight
 * (docs/operations.md): the new value becomes current, the one it replaces stays accepted for verification
 * until `previousUntil` (lambdas/core/meta/secret-rotation.ts), and functions pick the change up at their
 * first signature that their cached copy cannot verify.
 */
import { randomBytes } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

export type Rotation =
  | { kind: 'state-key' }
  /** the app secret Meta issued at "Reset" in the app dashboard */
  | { kind: 'app-secret'; appSecret: string };

type SecretJson = Record<string, unknown>;

/** A new state signing key: 64 characters from 48 random bytes. */
export const newStateSigningKey = (): string => randomBytes(48).toString('base64url');

/**
 * The secret after a rotation. The value replaced becomes `previous…` with `previousUntil = now + grace`;
 * a value an earlier rotation left as previous is dropped (its grace is over or superseded).
 */
export function rotatedSecret(
  current: SecretJson,
  rotation: Rotation,
  now: Date,
  graceMs: number,
): SecretJson {
  const { previousAppSecret, previousStateSigningKey, previousUntil, ...rest } = current;
  // a grace still running for the other value is kept, and the later of the two ends applies to both
  const earlier = typeof previousUntil === 'string' ? Date.parse(previousUntil) : Number.NaN;
  const running = earlier > now.getTime();
  const until = new Date(Math.max(now.getTime() + graceMs, running ? earlier : 0)).toISOString();
  if (rotation.kind === 'state-key') {
    if (typeof current.stateSigningKey !== 'string')
      throw new Error('the secret has no stateSigningKey to rotate (it is derived from the app secret)');
    return {
      ...rest,
      ...(running && previousAppSecret !== undefined ? { previousAppSecret } : {}),
      stateSigningKey: newStateSigningKey(),
      previousStateSigningKey: current.stateSigningKey,
      previousUntil: until,
    };
  }
  if (typeof current.appSecret !== 'string' || current.appSecret === '')
    throw new Error('the secret holds no appSecret yet: put it in the secret, there is nothing to rotate');
  if (!/^\S{16,256}$/.test(rotation.appSecret))
    throw new Error('that does not look like a Meta app secret (one word, at least 16 characters)');
  if (rotation.appSecret === current.appSecret) throw new Error('the new app secret is the current one');
  return {
    ...rest,
    ...(running && previousStateSigningKey !== undefined ? { previousStateSigningKey } : {}),
    appSecret: rotation.appSecret,
    previousAppSecret: current.appSecret,
    previousUntil: until,
  };
}

/** Reads the secret, writes its rotated version as the new AWSCURRENT; returns when the grace ends. */
export async function rotate(
  client: SecretsManagerClient,
  secretId: string,
  rotation: Rotation,
  graceMs: number,
  now = new Date(),
): Promise<{ previousUntil: string }> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
  const next = rotatedSecret(JSON.parse(SecretString) as SecretJson, rotation, now, graceMs);
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(next) }));
  return { previousUntil: String(next.previousUntil) };
}
