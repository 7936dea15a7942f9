/**
 * An in-memory TokenVault for use-case tests: it keeps each plaintext with the context it was sealed
 * under and refuses any other context, the contract KMS gives the production vault. The ciphertext is an
 * opaque handle, so a test cannot read the plaintext out of it.
 */
import { randomUUID } from 'node:crypto';
import type { EncryptionContext, TokenVault } from '../../lambdas/platform/core/ports';

export class FakeVault implements TokenVault {
  private readonly sealed = new Map<string, { plaintext: string; context: string }>();

  async encrypt(plaintext: string, context: EncryptionContext): Promise<string> {
    const handle = `fake:${randomUUID()}`;
    this.sealed.set(handle, { plaintext, context: contextKey(context) });
    return handle;
  }

  async decrypt(ciphertext: string, context: EncryptionContext): Promise<string> {
    const entry = this.sealed.get(ciphertext);
    if (!entry || entry.context !== contextKey(context))
      throw new Error('fake vault: wrong encryption context or unknown ciphertext');
    return entry.plaintext;
  }
}

function contextKey(context: EncryptionContext): string {
  return JSON.stringify([context.tenantId, context.connectionId]);
}
