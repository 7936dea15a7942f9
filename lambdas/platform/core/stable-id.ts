/**
 * Ids derived from Meta's own ids (a hash), in the shape of the service's other ids: every delivery of
 * the same Meta object — a webhook, its redelivery, a scheduled sync — lands on the same item without a
 * lookup, whatever order they arrive in. The inbox's conversations and messages and the synced content use it.
 */
import { createHash } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A stable id in the shape of the service's other ids (`<prefix>_` + 26 base32 characters). */
export function stableId(prefix: string, parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += ALPHABET[(digest[i] ?? 0) % 32];
  return `${prefix}_${out}`;
}
