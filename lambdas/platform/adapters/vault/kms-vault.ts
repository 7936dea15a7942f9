import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { EncryptionContext, TokenVault } from '../../core/ports';

/** Marks a ciphertext as this vault's: base64 of the KMS ciphertext blob follows. */
export const KMS_CIPHERTEXT_PREFIX = 'kms1:';
const PREFIX = KMS_CIPHERTEXT_PREFIX;

/**
 * Tokens encrypted directly with the customer-managed key. The encryption context binds each ciphertext
 * to its tenant and connection: KMS refuses to decrypt it under any other pair, and CloudTrail records
 * which tenant's token was used.
 */
export class KmsTokenVault implements TokenVault {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    const out = await this.kms.send(
      new EncryptCommand({
        KeyId: this.keyId,
        Plaintext: Buffer.from(plaintext, 'utf8'),
        EncryptionContext: { tenantId: context.tenantId, connectionId: context.connectionId },
      }),
    );
    if (!out.CiphertextBlob) throw new Error('KMS returned no ciphertext');
    return PREFIX + Buffer.from(out.CiphertextBlob).toString('base64');
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    if (!ciphertext.startsWith(PREFIX)) throw new Error('not a KMS vault ciphertext');
    const out = await this.kms.send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(ciphertext.slice(PREFIX.length), 'base64'),
        EncryptionContext: { tenantId: context.tenantId, connectionId: context.connectionId },
      }),
    );
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext).toString('utf8');
  }
}
