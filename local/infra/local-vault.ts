/**
 * The local stand-in for the KMS-backed token vault (same TokenVault port). AES-256-GCM with a random
 * 12-byte IV; the encryption context {tenantId, connectionId} is the GCM additional authenticated data,
 * exactly the role KMS gives it: a ciphertext taken to another tenant or connection does not decrypt.
 *
 * Output: `lv1:` + base64(iv ‖ tag ‖ ciphertext). The version prefix lets a later format coexist.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionContext, TokenVault } from '../../lambdas/core/ports';
import { readOrCreateKeyFile } from './key-file';

const VERSION = 'lv1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface LocalVaultOptions {
  /** file holding the base64 key (created on first use); absent = a fresh in-memory key (tests) */
  keyFile?: string | null;
  /** explicit key, for tests that need two vaults to share one */
  key?: Buffer;
}

export class LocalVault implements TokenVault {
  private readonly key: Buffer;

  constructor(options: LocalVaultOptions = {}) {
    this.key = options.key ?? loadKey(options.keyFile ?? null);
    if (this.key.length !== KEY_BYTES) throw new Error(`local vault key must be ${KEY_BYTES} bytes`);
  }

  async encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(canonicalContext(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const [version, payload] = splitOnce(ciphertext, ':');
    if (version !== VERSION || !payload) throw new Error('local vault: unsupported ciphertext format');
    const raw = Buffer.from(payload, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('local vault: ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(canonicalContext(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      // Like KMS's InvalidCiphertextException: no detail that could help an attacker, no plaintext.
      throw new Error('local vault: decryption failed (wrong encryption context or corrupted ciphertext)');
    }
  }
}

/** JSON with sorted keys, so {a,b} and {b,a} authenticate identically. */
export function canonicalContext(context: EncryptionContext): Buffer {
  const entries = Object.entries(context as unknown as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8');
}

function loadKey(keyFile: string | null): Buffer {
  if (!keyFile) return randomBytes(KEY_BYTES);
  return Buffer.from(
    readOrCreateKeyFile(keyFile, () => `${randomBytes(KEY_BYTES).toString('base64')}\n`).trim(),
    'base64',
  );
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
