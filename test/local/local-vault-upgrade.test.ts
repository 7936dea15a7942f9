/**
 * A `.local/` folder from before the local KMS endpoint: tokens and inbox data keys sealed by the earlier
 * local vault are rewritten once at start and then open through the production KmsTokenVault.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { KmsTokenVault } from '../../lambdas/platform/adapters/vault/kms-vault';
import { DATA_KEY_CONTEXT } from '../../lambdas/modules/inbox/core/field-cipher';
import { createDynamoClients, createKmsClient } from '../../local/infra/aws-clients';
import { ensureTable, startDynamoStore, type DynamoStore } from '../../local/infra/dynamo-store';
import { startKmsEndpoint, type KmsEndpoint } from '../../local/infra/kms-endpoint';
import { LocalKmsKey } from '../../local/infra/local-kms-key';
import { upgradeLocalVaultCiphertexts } from '../../local/infra/local-vault-upgrade';
import { sealLikeLocalVault } from '../support/legacy-vault';

const TABLE = 'meta-connector';

describe('upgrading local vault ciphertexts', () => {
  let dir: string;
  let store: DynamoStore;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let kms: KmsEndpoint;
  let kmsClient: ReturnType<typeof createKmsClient>;
  let vault: KmsTokenVault;
  let material: Buffer;
  let key: LocalKmsKey;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-upgrade-'));
    material = randomBytes(32);
    fs.writeFileSync(path.join(dir, 'vault.key'), `${material.toString('base64')}\n`);
    key = LocalKmsKey.load(path.join(dir, 'vault.key'));
    store = await startDynamoStore();
    dynamo = createDynamoClients(store.endpoint);
    await ensureTable(dynamo.raw, TABLE);
    kms = await startKmsEndpoint({ key });
    kmsClient = createKmsClient(kms.url);
    vault = new KmsTokenVault(kmsClient, kms.keyArn);
  });
  afterAll(async () => {
    dynamo.raw.destroy();
    kmsClient.destroy();
    await kms.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites user tokens, Page tokens and data keys once; they then open only under their context', async () => {
    const ctx = { tenantId: 'old-co', connectionId: 'con_old' };
    const dataKeyCtx = { tenantId: 'old-co', connectionId: DATA_KEY_CONTEXT };
    const current = await vault.encrypt('already-kms', ctx);
    const items = [
      {
        pk: 'T#old-co',
        sk: 'CONN#con_old',
        userTokenCiphertext: sealLikeLocalVault(material, 'user-token', ctx),
      },
      { pk: 'T#old-co', sk: 'PAGETOKEN#1', ciphertext: sealLikeLocalVault(material, 'page-token', ctx) },
      { pk: 'T#old-co', sk: 'DATAKEY#inbox', wrapped: sealLikeLocalVault(material, 'data-key', dataKeyCtx) },
      { pk: 'T#old-co', sk: 'PAGETOKEN#2', ciphertext: current },
    ];
    for (const Item of items) await dynamo.doc.send(new PutCommand({ TableName: TABLE, Item }));
    const markerFile = path.join(dir, 'vault.kms');

    expect(await upgradeLocalVaultCiphertexts({ db: dynamo.doc, tableName: TABLE, key, markerFile })).toBe(3);
    expect(fs.existsSync(markerFile)).toBe(true);

    const read = async (sk: string) =>
      (await dynamo.doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'T#old-co', sk } }))).Item!;
    const user = (await read('CONN#con_old')).userTokenCiphertext;
    expect(await vault.decrypt(user, ctx)).toBe('user-token');
    expect(await vault.decrypt((await read('PAGETOKEN#1')).ciphertext, ctx)).toBe('page-token');
    expect(await vault.decrypt((await read('DATAKEY#inbox')).wrapped, dataKeyCtx)).toBe('data-key');
    expect((await read('PAGETOKEN#2')).ciphertext).toBe(current);
    await expect(vault.decrypt(user, { ...ctx, tenantId: 'new-co' })).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });

    // the marker says the folder is done: a later start does not scan again
    await dynamo.doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: 'T#late', sk: 'PAGETOKEN#1', ciphertext: sealLikeLocalVault(material, 'x', ctx) },
      }),
    );
    expect(await upgradeLocalVaultCiphertexts({ db: dynamo.doc, tableName: TABLE, key, markerFile })).toBe(0);
  });
});
