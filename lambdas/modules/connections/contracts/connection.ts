/**
 * A connection as it is stored: what other modules read to act for a tenant (its status, its token's
 * ciphertext, its features and selection) and the one refusal they must recognise (a write to a
 * connection disconnected meanwhile).
 */
import type { Feature, FeatureGrant } from '../../../core/scopes/scope-registry';
import { DomainError } from '../../../platform/core/errors';
import type { AssetSelection } from './assets';

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

/** The reason a write to a connection that was disconnected meanwhile is refused with. */
export const CONNECTION_REVOKED = 'connection_revoked';

/** Whether a write failed because the connection was disconnected after it was read. */
export const isConnectionRevoked = (err: unknown): boolean =>
  err instanceof DomainError && err.reason === CONNECTION_REVOKED;
