/**
 * Rotating the Meta app secret or the OAuth state signing key without dropping anything in flight
 * (docs/operations.md). Two rules:
 *
 * - Verification accepts the current value and, until `previous.until`, the value it replaced: a webhook or
 *   `signed_request` Meta signed before the reset, and an OAuth state issued before the new key, still
 *   verify. Signing and Graph calls only ever use the current value.
 * - A function holds the secret in a cache for minutes. When a signature matches none of the cached values,
 *   the secret is read once more past the cache before the request is refused, so the first request signed
 *   with a just-rotated value is accepted instead of waiting for the cache to expire (Meta does not retry
 *   deauthorize and data-deletion callbacks, and disables Messenger webhooks that fail for an hour).
 */
import type { MetaAppSecrets, SecretsProvider } from '../../platform/core/ports';

const inGrace = (app: MetaAppSecrets, now: Date) =>
  app.previous !== undefined && now.getTime() < app.previous.until.getTime();

/** App secrets a Meta signature may be made with right now, current first. */
export function acceptedAppSecrets(app: MetaAppSecrets, now: Date): string[] {
  const previous = inGrace(app, now) ? app.previous?.appSecret : undefined;
  return previous && previous !== app.appSecret ? [app.appSecret, previous] : [app.appSecret];
}

/** Keys an OAuth state may be signed with right now, current first. */
export function acceptedStateKeys(app: MetaAppSecrets, now: Date): string[] {
  const previous = inGrace(app, now) ? app.previous?.stateSigningKey : undefined;
  return previous && previous !== app.stateSigningKey
    ? [app.stateSigningKey, previous]
    : [app.stateSigningKey];
}

/**
 * Runs a verification against the cached secrets and, if it failed on a signature (`mismatched`), once
 * more against a fresh read. Anything else (a missing or malformed signature) is answered from the cache.
 */
export async function verifyAcrossRotation<T>(
  secrets: SecretsProvider,
  verify: (app: MetaAppSecrets) => T | Promise<T>,
  mismatched: (result: T) => boolean,
): Promise<T> {
  const first = await verify(await secrets.metaApp());
  if (!mismatched(first)) return first;
  return verify(await secrets.metaApp({ fresh: true }));
}
