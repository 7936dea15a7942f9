import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalVault, canonicalContext } from '../../local/infra/local-vault';

describe('LocalVault (KMS stand-in)', () => {
  const ctx = { tenantId: 't-1', connectionId: 'c-1' };

  it('round-trips with the same encryption context', async () => {
    const vault = new LocalVault();
    const secret = 'EAAB-page-token-ü-😀';
    const sealed = await vault.encrypt(secret, ctx);
    expect(sealed).toMatch(/^lv1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(secret);
    await expect(vault.decrypt(sealed, { connectionId: 'c-1', tenantId: 't-1' })).resolves.toBe(secret);
  });

  it('uses a fresh IV every time', async () => {
    const vault = new LocalVault();
    expect(await vault.encrypt('x', ctx)).not.toBe(await vault.encrypt('x', ctx));
  });

  it('fails to decrypt under another tenant or connection', async () => {
    const vault = new LocalVault();
    const sealed = await vault.encrypt('token', ctx);
    await expect(vault.decrypt(sealed, { tenantId: 't-2', connectionId: 'c-1' })).rejects.toThrow(
      /decryption failed/,
    );
    await expect(vault.decrypt(sealed, { tenantId: 't-1', connectionId: 'c-2' })).rejects.toThrow(
      /decryption failed/,
    );
  });

  it('fails on tampering, another key and unknown formats', async () => {
    const vault = new LocalVault();
    const sealed = await vault.encrypt('token', ctx);
    const raw = Buffer.from(sealed.slice(4), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    await expect(vault.decrypt(`lv1:${raw.toString('base64')}`, ctx)).rejects.toThrow();
    await expect(new LocalVault().decrypt(sealed, ctx)).rejects.toThrow();
    await expect(vault.decrypt('kms:abc', ctx)).rejects.toThrow(/format/);
  });

  it('keeps its key in a file so ciphertexts survive restarts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-'));
    try {
      const keyFile = path.join(dir, 'vault.key');
      const sealed = await new LocalVault({ keyFile }).encrypt('persisted', ctx);
      expect((fs.statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
      await expect(new LocalVault({ keyFile }).decrypt(sealed, ctx)).resolves.toBe('persisted');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serializes the context canonically', () => {
    expect(canonicalContext({ tenantId: 'a', connectionId: 'b' }).toString()).toBe(
      '{"connectionId":"b","tenantId":"a"}',
    );
  });
});
