/**
 * The production Meta app secrets provider (Powertools Parameters' cache over the JSON client's
 * GetSecretValue) against the local Secrets Manager endpoint, which the SDK's own client sets up: the values it reads, its cache, and a rotation reaching it once the
 * cache's max age has passed.
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  FRESH_READ_INTERVAL_MS,
  SecretsManagerMetaSecrets,
  deriveStateKey,
} from '../../lambdas/platform/adapters/secrets/secrets-manager-provider';
import {
  secretsManagerApi,
  type SecretsManagerApi,
} from '../../lambdas/platform/adapters/aws-http/secrets-manager-api';
import { SECRETS_MANAGER } from '../../lambdas/platform/adapters/aws-http/services';
import type { AwsJsonClient } from '../../lambdas/platform/adapters/aws-http/aws-json-client';
import { createSecretsManagerClient, localJsonClient } from '../../local/infra/aws-clients';
import {
  startSecretsManagerEndpoint,
  type SecretsManagerEndpoint,
} from '../../local/infra/secrets-manager-endpoint';

const APP_ID = '100000000000001';
const first = { appSecret: 'first-app-secret', verifyToken: 'first-verify-token' };

describe('SecretsManagerMetaSecrets against the local Secrets Manager', () => {
  let sm: SecretsManagerEndpoint;
  let client: SecretsManagerClient;
  let json: AwsJsonClient;
  let api: SecretsManagerApi;
  beforeAll(async () => {
    sm = await startSecretsManagerEndpoint({
      secrets: {
        'app/one': JSON.stringify(first),
        'app/two': JSON.stringify(first),
        'app/bad': JSON.stringify({ appSecret: 'only' }),
      },
    });
    client = createSecretsManagerClient(sm.url);
    json = localJsonClient(SECRETS_MANAGER, sm.url);
    api = secretsManagerApi(json);
  });
  afterAll(async () => {
    jest.useRealTimers();
    client.destroy();
    json.destroy();
    await sm.close();
  });

  it('reads the app secret and verify token by ARN, and derives the state key when the secret has none', async () => {
    const secrets = await new SecretsManagerMetaSecrets(api, sm.arnOf('app/one'), APP_ID).metaApp();
    expect(secrets).toEqual({
      appId: APP_ID,
      appSecret: 'first-app-secret',
      verifyToken: 'first-verify-token',
      stateSigningKey: deriveStateKey('first-app-secret'),
    });
  });

  it('picks up a rotated version (app secret, verify token, state key) only after the cache’s max age', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });
    try {
      const provider = new SecretsManagerMetaSecrets(api, sm.arnOf('app/two'), APP_ID);
      expect((await provider.metaApp()).appSecret).toBe('first-app-secret');
      const rotated = {
        appSecret: 'second-app-secret',
        verifyToken: 'second-token',
        stateSigningKey: 'k'.repeat(32),
      };
      await client.send(
        new PutSecretValueCommand({ SecretId: 'app/two', SecretString: JSON.stringify(rotated) }),
      );
      // a warm function keeps the cached value for the provider's max age (300 s)...
      jest.setSystemTime(Date.now() + 299_000);
      expect((await provider.metaApp()).appSecret).toBe('first-app-secret');
      // ...and reads the new version after it
      jest.setSystemTime(Date.now() + 2_000);
      expect(await provider.metaApp()).toEqual({ appId: APP_ID, ...rotated });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a secret without the fields the service needs, naming the secret, not its value', async () => {
    const provider = new SecretsManagerMetaSecrets(api, 'app/bad', APP_ID);
    await expect(provider.metaApp()).rejects.toThrow(
      'secret app/bad is not {appSecret, verifyToken, stateSigningKey?',
    );
    await expect(provider.metaApp()).rejects.not.toThrow('only');
  });

  it('a missing secret fails with Secrets Manager’s ResourceNotFoundException as the cause', async () => {
    await expect(new SecretsManagerMetaSecrets(api, 'app/none', APP_ID).metaApp()).rejects.toMatchObject({
      name: 'GetParameterError',
      cause: { name: 'ResourceNotFoundException' },
    });
  });
});

describe('local Secrets Manager endpoint', () => {
  let sm: SecretsManagerEndpoint;
  let client: SecretsManagerClient;
  beforeAll(async () => {
    sm = await startSecretsManagerEndpoint({ secrets: { s: 'v1' } });
    client = createSecretsManagerClient(sm.url);
  });
  afterAll(async () => {
    client.destroy();
    await sm.close();
  });

  it('keeps AWSCURRENT and AWSPREVIOUS across versions; a retried PutSecretValue is idempotent', async () => {
    const arn = sm.arnOf('s');
    expect(arn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:s-[A-Za-z0-9_-]{6}$/);
    const v1 = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(v1).toMatchObject({ ARN: arn, Name: 's', SecretString: 'v1', VersionStages: ['AWSCURRENT'] });
    expect(v1.CreatedDate).toBeInstanceOf(Date);

    const token = '3f0a8a0e-6b0e-4c1e-9d43-6f1a2a0b7c11';
    const put = () =>
      client.send(
        new PutSecretValueCommand({ SecretId: 's', SecretString: 'v2', ClientRequestToken: token }),
      );
    expect(await put()).toMatchObject({ VersionId: token, VersionStages: ['AWSCURRENT'] });
    expect((await put()).VersionId).toBe(token);
    await expect(
      client.send(
        new PutSecretValueCommand({ SecretId: 's', SecretString: 'other', ClientRequestToken: token }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceExistsException' });

    expect((await client.send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('v2');
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPREVIOUS' }),
    );
    expect(previous).toMatchObject({ SecretString: 'v1', VersionId: v1.VersionId });
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: 's', VersionId: v1.VersionId }))).SecretString,
    ).toBe('v1');
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'NOPE' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('a rotation’s grace, read through the local Secrets Manager', () => {
  const CURRENT = { appSecret: 'new-secret', verifyToken: 'vt', stateSigningKey: 'n'.repeat(64) };
  let sm: SecretsManagerEndpoint;
  let client: SecretsManagerClient;
  let json: AwsJsonClient;
  let api: SecretsManagerApi;
  let reads = 0;
  beforeAll(async () => {
    const grace = { previousUntil: '2026-11-03T10:00:00Z' };
    sm = await startSecretsManagerEndpoint({
      secrets: {
        'rotation/full': JSON.stringify({
          ...CURRENT,
          ...grace,
          previousAppSecret: 'old-secret',
          previousStateSigningKey: 'o'.repeat(64),
        }),
        'rotation/derived': JSON.stringify({
          appSecret: 'new-secret',
          verifyToken: 'vt',
          previousAppSecret: 'old-secret',
          ...grace,
        }),
        'rotation/no-until': JSON.stringify({ ...CURRENT, previousAppSecret: 'old-secret' }),
        'rotation/fresh': JSON.stringify({ ...CURRENT, appSecret: 'first' }),
      },
    });
    client = createSecretsManagerClient(sm.url);
    json = localJsonClient(SECRETS_MANAGER, sm.url);
    const read = secretsManagerApi(json);
    // counts the reads that reach Secrets Manager; the endpoint answers them
    api = {
      getSecretValue: (id) => {
        reads++;
        return read.getSecretValue(id);
      },
    };
  });
  afterAll(async () => {
    client.destroy();
    json.destroy();
    await sm.close();
  });
  it('reads the values a rotation replaced, with their grace', async () => {
    const name = 'rotation/full';
    expect(await new SecretsManagerMetaSecrets(api, name, '123').metaApp()).toEqual({
      appId: '123',
      ...CURRENT,
      previous: {
        appSecret: 'old-secret',
        stateSigningKey: 'o'.repeat(64),
        until: new Date('2026-11-03T10:00:00Z'),
      },
    });
  });

  it('a derived state key rotates with the app secret it is derived from', async () => {
    const name = 'rotation/derived';
    const app = await new SecretsManagerMetaSecrets(api, name, '123').metaApp();
    expect(app.stateSigningKey).toBe(deriveStateKey('new-secret'));
    expect(app.previous?.stateSigningKey).toBe(deriveStateKey('old-secret'));
  });

  it('previous values without previousUntil are refused, loudly', async () => {
    const name = 'rotation/no-until';
    await expect(new SecretsManagerMetaSecrets(api, name, '123').metaApp()).rejects.toThrow(
      /previousUntil is required/,
    );
  });

  it('a fresh read bypasses the cache at most once per interval', async () => {
    const name = 'rotation/fresh';
    const rotate = (appSecret: string) =>
      client.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: JSON.stringify({ ...CURRENT, appSecret }),
        }),
      );
    let now = 1_000_000;
    const secrets = new SecretsManagerMetaSecrets(api, name, '123', 300, () => now);
    const before = reads;
    expect((await secrets.metaApp()).appSecret).toBe('first');
    await rotate('rotated');
    expect((await secrets.metaApp()).appSecret).toBe('first'); // cached
    expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('rotated');
    await rotate('again');
    now += FRESH_READ_INTERVAL_MS - 1;
    expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('rotated'); // too soon: the cache answers
    now += 1;
    expect((await secrets.metaApp({ fresh: true })).appSecret).toBe('again');
    expect(reads - before).toBe(3);
  });
});
