/**
 * Field-level encryption of message and comment text (envelope encryption). Each tenant has one random
 * 256-bit data key, stored only wrapped by the vault (KMS in AWS); each text is sealed with AES-256-GCM
 * under that key with additional data naming the tenant, the key and the field it belongs to, so a
 * ciphertext copied into another item or tenant does not open. Unwrapped keys are kept in memory for a
 * few minutes so a busy worker does not call KMS for every message.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Clock, TokenVault } from '../../../platform/core/ports';
import type { DataKeyStore } from '../ports/stores';

const VERSION = 'fe1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/**
 * The vault binds every ciphertext to {tenantId, connectionId}. The data key serves every connection of
 * the tenant, so its second context value names the key's purpose instead of one connection.
 */
export const DATA_KEY_CONTEXT = 'inbox-data-key';

export interface TextCipher {
  encrypt(tenantId: string, plaintext: string, aad: string): Promise<string>;
  /** Fails when the ciphertext was made for another tenant, key or field. */
  decrypt(tenantId: string, ciphertext: string, aad: string): Promise<string>;
}

interface CachedKey {
  keyId: string;
  key: Buffer;
  until: number;
}

export class EnvelopeCipher implements TextCipher {
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly deps: { vault: TokenVault; keys: DataKeyStore; clock: Clock },
    private readonly cacheMs = 5 * 60_000,
  ) {}

  async encrypt(tenantId: string, plaintext: string, aad: string): Promise<string> {
    const { keyId, key } = await this.currentKey(tenantId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(tenantId, keyId, aad));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${keyId}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  async decrypt(tenantId: string, ciphertext: string, aad: string): Promise<string> {
    const [version, keyId, payload] = ciphertext.split('.');
    if (version !== VERSION || !keyId || !payload) throw new Error('not a field ciphertext');
    const key = await this.keyById(tenantId, keyId);
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('field ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(tenantId, keyId, aad));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      // no detail: the caller only needs to know this text cannot be read here
      throw new Error('field ciphertext does not open under this tenant and field');
    }
  }

  private fresh(tenantId: string, keyId?: string): CachedKey | undefined {
    const hit = this.cache.get(tenantId);
    if (!hit || hit.until < this.deps.clock.now().getTime()) return undefined;
    return keyId && hit.keyId !== keyId ? undefined : hit;
  }

  private async currentKey(tenantId: string): Promise<CachedKey> {
    const hit = this.fresh(tenantId);
    if (hit) return hit;
    const stored = await this.deps.keys.get(tenantId);
    if (stored) return this.remember(tenantId, stored.keyId, await this.unwrap(tenantId, stored.wrapped));
    const key = randomBytes(KEY_BYTES);
    const keyId = `k${this.deps.clock.now().getTime().toString(36)}${randomBytes(4).toString('hex')}`;
    const wrapped = await this.deps.vault.encrypt(key.toString('base64'), {
      tenantId,
      connectionId: DATA_KEY_CONTEXT,
    });
    // two workers may create a tenant's first key at once: the first write wins and both use it
    const winner = await this.deps.keys.putIfAbsent(tenantId, { keyId, wrapped });
    if (winner.keyId === keyId && winner.wrapped === wrapped) return this.remember(tenantId, keyId, key);
    return this.remember(tenantId, winner.keyId, await this.unwrap(tenantId, winner.wrapped));
  }

  private async keyById(tenantId: string, keyId: string): Promise<Buffer> {
    const hit = this.fresh(tenantId, keyId);
    if (hit) return hit.key;
    const stored = await this.deps.keys.get(tenantId);
    if (!stored || stored.keyId !== keyId) throw new Error('the data key of this ciphertext is gone');
    return this.remember(tenantId, keyId, await this.unwrap(tenantId, stored.wrapped)).key;
  }

  private async unwrap(tenantId: string, wrapped: string): Promise<Buffer> {
    return Buffer.from(
      await this.deps.vault.decrypt(wrapped, { tenantId, connectionId: DATA_KEY_CONTEXT }),
      'base64',
    );
  }

  private remember(tenantId: string, keyId: string, key: Buffer): CachedKey {
    const entry = { keyId, key, until: this.deps.clock.now().getTime() + this.cacheMs };
    this.cache.set(tenantId, entry);
    return entry;
  }
}

function additionalData(tenantId: string, keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}|${tenantId}|${keyId}|${aad}`, 'utf8');
}
