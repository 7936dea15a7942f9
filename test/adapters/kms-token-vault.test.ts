/**
 * The production token vault (KmsTokenVault) and the inbox's envelope cipher over it, against the local
 * KMS endpoint: what encrypts every Meta token and every inbox data key in AWS.
 */
import { KmsTokenVault } from '../../lambdas/platform/adapters/vault/kms-vault';
import { EnvelopeCipher, DATA_KEY_CONTEXT } from '../../lambdas/modules/inbox/core/field-cipher';
import type { WrappedDataKey } from '../../lambdas/modules/inbox/ports';
import { createKmsClient } from '../../local/infra/aws-clients';
import { startKmsEndpoint, type KmsEndpoint } from '../../local/infra/kms-endpoint';
import { LocalKmsKey } from '../../local/infra/local-kms-key';
import type { KMSClient } from '@aws-sdk/client-kms';

describe('KmsTokenVault against the local KMS', () => {
  let kms: KmsEndpoint;
  let client: KMSClient;
  let vault: KmsTokenVault;
  beforeAll(async () => {
    kms = await startKmsEndpoint({ key: LocalKmsKey.load(null) });
    client = createKmsClient(kms.url);
    vault = new KmsTokenVault(client, kms.keyArn);
  });
  afterAll(async () => {
    client.destroy();
    await kms.close();
  });

  const a = { tenantId: 'tenant-a', connectionId: 'con_a' };

  it('round-trips a token under its tenant and connection', async () => {
    const sealed = await vault.encrypt('EAAG-page-token', a);
    expect(sealed).toMatch(/^kms1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('EAAG');
    expect(await vault.decrypt(sealed, { connectionId: 'con_a', tenantId: 'tenant-a' })).toBe(
      'EAAG-page-token',
    );
  });

  it('a ciphertext moved to another tenant or another connection does not decrypt', async () => {
    const sealed = await vault.encrypt('EAAG-user-token', a);
    for (const moved of [
      { tenantId: 'tenant-b', connectionId: 'con_a' },
      { tenantId: 'tenant-a', connectionId: 'con_b' },
      { tenantId: 'con_a', connectionId: 'tenant-a' },
    ]) {
      await expect(vault.decrypt(sealed, moved)).rejects.toMatchObject({
        name: 'InvalidCiphertextException',
      });
    }
  });

  it('refuses what is not one of its ciphertexts before calling KMS', async () => {
    await expect(vault.decrypt('lv1:AAAA', a)).rejects.toThrow('not a KMS vault ciphertext');
  });

  it('wraps each tenant’s inbox data key under the tenant, and only that tenant opens its texts', async () => {
    const keys = new Map<string, WrappedDataKey>();
    const store = {
      get: async (t: string) => keys.get(t),
      putIfAbsent: async (t: string, k: WrappedDataKey) => {
        if (!keys.has(t)) keys.set(t, k);
        return keys.get(t)!;
      },
    };
    const clock = { now: () => new Date() };
    const cipher = new EnvelopeCipher({ vault, keys: store, clock });
    const text = await cipher.encrypt('tenant-a', 'see you at 5', 'msg_1:text');
    // a cold process unwraps the stored key through KMS
    const cold = new EnvelopeCipher({ vault, keys: store, clock });
    expect(await cold.decrypt('tenant-a', text, 'msg_1:text')).toBe('see you at 5');
    const wrapped = keys.get('tenant-a')!.wrapped;
    expect(wrapped).toMatch(/^kms1:/);
    await expect(
      vault.decrypt(wrapped, { tenantId: 'tenant-b', connectionId: DATA_KEY_CONTEXT }),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    // tenant-b's stored key slot holding tenant-a's wrapped key opens nothing
    keys.set('tenant-b', keys.get('tenant-a')!);
    await expect(
      new EnvelopeCipher({ vault, keys: store, clock }).decrypt('tenant-b', text, 'msg_1:text'),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
  });
});
