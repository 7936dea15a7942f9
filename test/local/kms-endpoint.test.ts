/**
 * The local KMS endpoint, through the SDK's KMS client: the KMS API's behaviour for the calls the service
 * makes (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html, API_Decrypt.html,
 * API_GenerateDataKey.html), errors named as KMS names them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { createKmsClient } from '../../local/infra/aws-clients';
import { startKmsEndpoint, type KmsEndpoint } from '../../local/infra/kms-endpoint';
import { LocalKmsKey } from '../../local/infra/local-kms-key';

const ALIAS = 'alias/test/token-vault';
const ctx = { tenantId: 'acme', connectionId: 'con_1' };
const bytes = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | undefined) => Buffer.from(b!).toString('utf8');

describe('local KMS endpoint', () => {
  let kms: KmsEndpoint;
  let client: KMSClient;
  beforeAll(async () => {
    kms = await startKmsEndpoint({ key: LocalKmsKey.load(null), alias: ALIAS });
    client = createKmsClient(kms.url);
  });
  afterAll(async () => {
    client.destroy();
    await kms.close();
  });

  const encrypt = (plaintext: string, context: Record<string, string> = ctx) =>
    client.send(
      new EncryptCommand({ KeyId: kms.keyArn, Plaintext: bytes(plaintext), EncryptionContext: context }),
    );

  it('encrypts and decrypts under the same encryption context, in any order of its pairs', async () => {
    const out = await encrypt('EAAG-token');
    expect(out).toMatchObject({ KeyId: kms.keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    expect(Buffer.from(out.CiphertextBlob!).toString('latin1')).not.toContain('EAAG-token');
    const back = await client.send(
      new DecryptCommand({
        CiphertextBlob: out.CiphertextBlob,
        EncryptionContext: { connectionId: 'con_1', tenantId: 'acme' },
      }),
    );
    expect(text(back.Plaintext)).toBe('EAAG-token');
    expect(back.KeyId).toBe(kms.keyArn);
  });

  it('refuses another context, a missing one, a case change or an extra pair with InvalidCiphertextException', async () => {
    const { CiphertextBlob } = await encrypt('bound');
    const contexts: Array<Record<string, string> | undefined> = [
      { tenantId: 'other', connectionId: 'con_1' },
      { tenantId: 'acme', connectionId: 'con_2' },
      { tenantid: 'acme', connectionId: 'con_1' },
      { ...ctx, extra: 'x' },
      undefined,
    ];
    for (const EncryptionContext of contexts) {
      await expect(
        client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext })),
      ).rejects.toMatchObject({
        name: 'InvalidCiphertextException',
        $metadata: { httpStatusCode: 400 },
      });
    }
  });

  it('refuses a damaged blob, and a blob of another key presented with this key', async () => {
    const { CiphertextBlob } = await encrypt('x');
    const damaged = Buffer.from(CiphertextBlob!);
    damaged[damaged.length - 1]! ^= 0xff;
    await expect(
      client.send(new DecryptCommand({ CiphertextBlob: damaged, EncryptionContext: ctx })),
    ).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    const foreign = LocalKmsKey.load(null).encrypt(bytes('x'), ctx);
    await expect(
      client.send(new DecryptCommand({ KeyId: kms.keyArn, CiphertextBlob: foreign, EncryptionContext: ctx })),
    ).rejects.toMatchObject({ name: 'IncorrectKeyException' });
  });

  it('names the key by id, ARN, alias or alias ARN; an unknown one is NotFoundException', async () => {
    for (const KeyId of [kms.keyId, kms.keyArn, ALIAS, `arn:aws:kms:us-east-1:000000000000:${ALIAS}`]) {
      const out = await client.send(
        new EncryptCommand({ KeyId, Plaintext: bytes('a'), EncryptionContext: ctx }),
      );
      expect(out.KeyId).toBe(kms.keyArn);
    }
    await expect(
      client.send(
        new EncryptCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', Plaintext: bytes('a') }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('takes 1 to 4,096 bytes of plaintext, as KMS does', async () => {
    await expect(encrypt('x'.repeat(4096))).resolves.toBeDefined();
    await expect(encrypt('x'.repeat(4097))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(encrypt('')).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('generates data keys by KeySpec or NumberOfBytes (one of them), wrapped under the context', async () => {
    const key = await client.send(
      new GenerateDataKeyCommand({ KeyId: ALIAS, KeySpec: 'AES_256', EncryptionContext: ctx }),
    );
    expect(key.Plaintext).toHaveLength(32);
    expect(key.KeyId).toBe(kms.keyArn);
    const unwrapped = await client.send(
      new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: ctx }),
    );
    expect(Buffer.from(unwrapped.Plaintext!).equals(Buffer.from(key.Plaintext!))).toBe(true);
    const short = await client.send(new GenerateDataKeyCommand({ KeyId: ALIAS, NumberOfBytes: 16 }));
    expect(short.Plaintext).toHaveLength(16);
    for (const input of [{}, { KeySpec: 'AES_128' as const, NumberOfBytes: 16 }, { NumberOfBytes: 1025 }]) {
      await expect(client.send(new GenerateDataKeyCommand({ KeyId: ALIAS, ...input }))).rejects.toMatchObject(
        {
          name: 'ValidationException',
        },
      );
    }
  });

  it('answers DryRun with DryRunOperationException and an unserved operation with UnknownOperationException', async () => {
    await expect(
      client.send(new EncryptCommand({ KeyId: ALIAS, Plaintext: bytes('a'), DryRun: true })),
    ).rejects.toMatchObject({ name: 'DryRunOperationException' });
    const res = await fetch(kms.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'TrentService.ScheduleKeyDeletion',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('keeps its key id and material in the key file, so ciphertexts outlive a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-key-'));
    try {
      const keyFile = path.join(dir, 'vault.key');
      const first = LocalKmsKey.load(keyFile);
      const blob = first.encrypt(bytes('persisted'), ctx);
      const again = LocalKmsKey.load(keyFile);
      expect(again.keyId).toBe(first.keyId);
      expect(again.decrypt(blob, ctx).toString('utf8')).toBe('persisted');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
