import type { Feature, FeatureGrant } from '../scopes/scope-registry';
import type { AssetSelection } from './assets';
import { DomainError } from '../../platform/core/errors';

export type ConnectionStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export interface ConnectionRecord {
  tenantId: string;
  connectionId: string;
  status: ConnectionStatus;
  /** why the status is what it is, e.g. `token_expired`, `user_deauthorized` */
  statusReason?: string;
  metaUserId: string;
  metaUserName?: string;
  features: Feature[];
  requestedScopes: string[];
  grantedScopes: string[];
  /** `debug_token`'s `granular_scopes[].target_ids`: the assets each permission was granted for */
  grantedTargets?: Record<string, string[]>;
  declinedScopes: string[];
  /** enabled features the grant does not cover; empty when the grant is complete */
  missingFeatures: FeatureGrant[];
  /** vault ciphertext of the long-lived user token; absent once revoked or purged */
  userTokenCiphertext?: string;
  /** ISO time; null = Meta reports no expiry */
  tokenExpiresAt: string | null;
  dataAccessExpiresAt: string | null;
  tokenCheckedAt: string;
  consentedAt: string;
  createdAt: string;
  updatedAt: string;
  selection: AssetSelection;
  createdBy: string;
  assetsSyncedAt?: string;
  assetsSyncError?: string;
  /** days-before-expiry thresholds already announced for the current token (7, 3, 1) */
  expiryWarningsSent?: number[];
  /**
   * Set when the connection's data is to be purged (disconnect, Meta data deletion): a reconnect of the
   * same Meta user then starts a new connection instead of reviving one the deletion worker will delete.
   */
  deletionRequestedAt?: string;
}

export interface PageTokenRecord {
  pageId: string;
  ciphertext: string;
  /** ISO time; null = does not expire */
  tokenExpiresAt: string | null;
}

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

/** The reason a write to a connection that was disconnected meanwhile is refused with. */
export const CONNECTION_REVOKED = 'connection_revoked';

/** Whether a write failed because the connection was disconnected after it was read. */
export const isConnectionRevoked = (err: unknown): boolean =>
  err instanceof DomainError && err.reason === CONNECTION_REVOKED;
