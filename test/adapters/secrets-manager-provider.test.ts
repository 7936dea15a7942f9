/**
 * The Meta secret as Secrets Manager holds it: current values, the values a rotation replaced with their
 * grace, and reads past the cache that a flood of bad signatures cannot multiply.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  deriveStateKey,
  FRESH_READ_INTERVAL_MS,
  SecretsManagerMetaSecrets,
} from '../../lambdas/adapters/secrets/secrets-manager-provider';

/** A real SDK client whose GetSecretValue is answered in-process (nothing leaves the machine). */
function secretsManager(value: () => Record<string, unknown>) {
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const calls = { count: 0 };
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      if (context.commandName !== 'GetSecretValueCommand' || !(args.input as { SecretId?: string }).SecretId)
        throw new Error('unexpected call');
      calls.count++;
      return { output: { SecretString: JSON.stringify(value()), $metadata: {} }, response: {} };
    },
    { step: 'initialize', name: 'answerInProcess' },
  );
  return { client, calls };
}

const CURRENT = { appSecret: 'new-secret', verifyToken: 'vt', stateSigningKey: 'n'.repeat(64) };

test('reads the values a rotation replaced, with their grace', async () => {
  const { client } = secretsManager(() => ({
    ...CURRENT,
    previousAppSecret: 'old-secret',
    previousStateSigningKey: 'o'.repeat(64),
    previousUntil: '2026-11-03T10:00:00Z',
  }));
  expect(await new SecretsManagerMetaSecrets(client, 'arn:secret', '123').metaApp()).toEqual({
    appId: '123',
    ...CURRENT,
    previous: {
      appSecret: 'old-secret',
      stateSigningKey: 'o'.repeat(64),
      until: new Date('2026-11-03T10:00:00Z'),
    },
  });
});

test('a derived state key rotates with the app secret it is derived from', async () => {
  const { client } = secretsManager(() => ({
    appSecret: 'new-secret',
    verifyToken: 'vt',
    previousAppSecret: 'old-secret',
    previousUntil: '2026-11-03T10:00:00Z',
  }));
  const app = await new SecretsManagerMetaSecrets(client, 'arn:secret', '123').metaApp();
  expect(app.stateSigningKey).toBe(deriveStateKey('new-secret'));
  expect(app.previous?.stateSigningKey).toBe(deriveStateKey('old-secret'));
});

test('previous values without previousUntil are refused, loudly', async () => {
  const { client } = secretsManager(() => ({ ...CURRENT, previousAppSecret: 'old-secret' }));
  await expect(new SecretsManagerMetaSecrets(client, 'arn:secret', '123').metaApp()).rejects.toThrow(
    /previousUntil is required/,
  );
});

test('a fresh read bypasses the cache at most once per interval', async () => {
  let appSecret = 'first';
  const { client, calls } = secretsManager(() => ({ ...CURRENT, appSecret }));
  let now = 1_000_000;
  const secrets = new SecretsManagerMetaSecrets(client, 'arn:secret', '123', 300, () => now);
  expect((await secrets.metaApp()).appSecret).toBe('first');
  appSecret = 'rotated';
  expect((await secrets.metaApp()).appSecret).toBe('first'); // cached
  expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('rotated');
  appSecret = 'again';
  now += FRESH_READ_INTERVAL_MS - 1;
  expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('rotated'); // too soon: the cache answers
  now += 1;
  expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('again');
  expect(calls.count).toBe(3);
});
