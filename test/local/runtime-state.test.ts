/**
 * `npm start` keeps its state in a folder: what the local KMS sealed in one run opens in the next, and a
 * folder written by the earlier local vault (`lv1:` ciphertexts) is upgraded on start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';
import { sealLikeLocalVault } from '../support/legacy-vault';

const start = (dataDir: string) =>
  startLocalRuntime({ port: 0, simPort: 0, dataDir, simulator: false, timers: false, log: false });

it('a restart keeps the KMS key, and upgrades the earlier local vault’s ciphertexts', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-state-'));
  const ctx = { tenantId: 'keep-co', connectionId: 'con_keep' };
  let rt: LocalRuntime | undefined;
  try {
    rt = await start(dataDir);
    const sealed = await rt.deps.vault.encrypt('sealed-in-run-1', ctx);
    const material = Buffer.from(fs.readFileSync(path.join(dataDir, 'vault.key'), 'utf8').trim(), 'base64');
    const legacy = sealLikeLocalVault(material, 'sealed-by-local-vault', ctx);
    const table = rt.config.tableName;
    await rt.clients.dynamo.send(
      new PutCommand({ TableName: table, Item: { pk: 'T#keep-co', sk: 'PAGETOKEN#1', ciphertext: legacy } }),
    );
    await rt.stop();
    rt = undefined;
    // as if the folder predated the local KMS
    fs.rmSync(path.join(dataDir, 'vault.kms'));

    rt = await start(dataDir);
    expect(await rt.deps.vault.decrypt(sealed, ctx)).toBe('sealed-in-run-1');
    const item = await rt.clients.dynamo.send(
      new GetCommand({ TableName: table, Key: { pk: 'T#keep-co', sk: 'PAGETOKEN#1' } }),
    );
    expect(item.Item!.ciphertext).toMatch(/^kms1:/);
    expect(await rt.deps.vault.decrypt(item.Item!.ciphertext, ctx)).toBe('sealed-by-local-vault');
    expect(fs.existsSync(path.join(dataDir, 'vault.kms'))).toBe(true);
  } finally {
    await rt?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
