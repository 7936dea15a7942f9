import type { ConnectionRecord, ConnectionStatus } from '../contracts/connection';

/** What the API shows: never a ciphertext, never a token. */
export function connectionView(c: ConnectionRecord) {
  return {
    id: c.connectionId,
    status: c.status,
    statusReason: c.statusReason ?? null,
    metaUser: { id: c.metaUserId, name: c.metaUserName ?? null },
    features: c.features,
    grantedScopes: c.grantedScopes,
    declinedScopes: c.declinedScopes,
    partialGrant: c.missingFeatures.length > 0,
    missingFeatures: c.missingFeatures,
    tokenExpiresAt: c.tokenExpiresAt,
    dataAccessExpiresAt: c.dataAccessExpiresAt,
    tokenCheckedAt: c.tokenCheckedAt,
    consentedAt: c.consentedAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    selection: c.selection,
    assetsSyncedAt: c.assetsSyncedAt ?? null,
    assetsSyncError: c.assetsSyncError ?? null,
  };
}

export type ConnectionView = ReturnType<typeof connectionView>;

/** Days before expiry at which a connection counts as `expiring`. */
export const EXPIRING_WITHIN_DAYS = 7;

export function statusFromExpiry(
  expiresAt: string | null,
  now: Date,
): { status: ConnectionStatus; reason: string } {
  if (expiresAt === null) return { status: 'active', reason: 'token_does_not_expire' };
  const msLeft = Date.parse(expiresAt) - now.getTime();
  if (msLeft <= 0) return { status: 'expired', reason: 'token_expired' };
  if (msLeft <= EXPIRING_WITHIN_DAYS * 86_400_000)
    return { status: 'expiring', reason: 'token_expires_soon' };
  return { status: 'active', reason: 'token_valid' };
}
