/**
 * The local KMS endpoint's one symmetric key: AES-256-GCM under 32 bytes of key material, with the
 * encryption context as the additional authenticated data, which is the role KMS gives it: the same
 * context, as an exact, case-sensitive set of pairs in any order, is needed to decrypt.
 * https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html
 *
 * Ciphertext blob (opaque to callers, as KMS's is): version 0x01 ‖ key id (16 bytes) ‖ IV (12) ‖ tag (16) ‖
 * ciphertext. The key id in the blob is what lets Decrypt work without a KeyId, as it does for symmetric
 * KMS keys.
 *
 * The material is the file `vault.key` in the state folder, the same file the earlier local vault used,
 * so that vault's `lv1:` ciphertexts are this key's blobs behind another prefix ({@link fromLocalVault}).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readOrCreateKeyFile } from './key-file';

const VERSION = 0x01;
const ID_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + ID_BYTES;
export const KEY_MATERIAL_BYTES = 32;

export type EncryptionContextMap = Readonly<Record<string, string>>;

/** Why a blob did not open; the endpoint turns every one into InvalidCiphertextException. */
export class CiphertextRefused extends Error {}

export class LocalKmsKey {
  /** the key id, a UUID like KMS's, derived from the material so it is stable across restarts */
  readonly keyId: string;
  private readonly idBytes: Buffer;

  constructor(private readonly material: Buffer) {
    if (material.length !== KEY_MATERIAL_BYTES)
      throw new Error(`local KMS key material must be ${KEY_MATERIAL_BYTES} bytes`);
    const digest = createHash('sha256').update('local-kms-key-id\n').update(material).digest();
    this.idBytes = Buffer.from(digest.subarray(0, ID_BYTES));
    this.idBytes[6] = (this.idBytes[6]! & 0x0f) | 0x40;
    this.idBytes[8] = (this.idBytes[8]! & 0x3f) | 0x80;
    const hex = this.idBytes.toString('hex');
    this.keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** From the key file (created on first use), or fresh random material when there is no state folder. */
  static load(keyFile: string | null): LocalKmsKey {
    if (!keyFile) return new LocalKmsKey(randomBytes(KEY_MATERIAL_BYTES));
    const text = readOrCreateKeyFile(
      keyFile,
      () => `${randomBytes(KEY_MATERIAL_BYTES).toString('base64')}\n`,
    );
    return new LocalKmsKey(Buffer.from(text.trim(), 'base64'));
  }

  encrypt(plaintext: Buffer, context: EncryptionContextMap): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.material, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(canonicalContext(context));
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([this.header(), iv, cipher.getAuthTag(), sealed]);
  }

  /** Whether the bytes have the shape of a blob of some local key. */
  static isBlob(blob: Buffer): boolean {
    return blob.length >= HEADER_BYTES + IV_BYTES + TAG_BYTES && blob[0] === VERSION;
  }

  /** Whether the blob names this key (KMS reads the key from the blob when Decrypt has no KeyId). */
  owns(blob: Buffer): boolean {
    return blob.length >= HEADER_BYTES && blob.subarray(0, HEADER_BYTES).equals(this.header());
  }

  decrypt(blob: Buffer, context: EncryptionContextMap): Buffer {
    if (!this.owns(blob) || blob.length < HEADER_BYTES + IV_BYTES + TAG_BYTES)
      throw new CiphertextRefused('not a ciphertext of this key');
    const ivEnd = HEADER_BYTES + IV_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', this.material, blob.subarray(HEADER_BYTES, ivEnd), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(canonicalContext(context));
    decipher.setAuthTag(blob.subarray(ivEnd, ivEnd + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(blob.subarray(ivEnd + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new CiphertextRefused('wrong encryption context or corrupted ciphertext');
    }
  }

  /**
   * The blob of a ciphertext the earlier local vault wrote under the same material (`lv1:` + base64 of
   * IV ‖ tag ‖ ciphertext, the context as AAD in the same canonical form): only the header is new.
   */
  fromLocalVault(lv1Payload: string): Buffer {
    return Buffer.concat([this.header(), Buffer.from(lv1Payload, 'base64')]);
  }

  private header(): Buffer {
    return Buffer.concat([Buffer.of(VERSION), this.idBytes]);
  }
}

/** JSON with sorted keys: KMS matches the context as a set of pairs, so order must not matter. */
function canonicalContext(context: EncryptionContextMap): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify(Object.fromEntries(sorted)), 'utf8');
}
