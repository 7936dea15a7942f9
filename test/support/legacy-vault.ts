/**
 * What the earlier local vault wrote, byte for byte: `lv1:` + base64(IV ‖ tag ‖ ciphertext), AES-256-GCM
 * under the 32 bytes of `vault.key`, with the sorted-key JSON of the encryption context as AAD. Tests use
 * it to stand for a `.local/` folder from before the local KMS endpoint.
 */
import { createCipheriv, randomBytes } from 'node:crypto';

export function sealLikeLocalVault(
  material: Buffer,
  plaintext: string,
  context: { tenantId: string; connectionId: string },
): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material, iv, { authTagLength: 16 });
  cipher.setAAD(
    Buffer.from(JSON.stringify({ connectionId: context.connectionId, tenantId: context.tenantId })),
  );
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `lv1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}
