/**
 * What every module that acts for a tenant with a token reads about connections, over the store this
 * module publishes: a connection, a Page's token, the Page behind an Instagram account; and the one change
 * such a module makes, expiring a connection whose token Meta refused. Each module's own reader
 * (`connections-for-<module>.ts`) extends it with what only it reads and holds it to its own port.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionStore } from '../adapters/dynamo-connection-store';
import type { ConnectionRecord, ConnectionStatus } from './connection';
import type { ConnectionStore } from './store';
import { markExpiredById, type TokenRefusalDeps } from './token-refusal';

/**
 * What a module acting with a token sees of a connection, in its own port; it adds what else it reads
 * (the part of the selection, the features).
 */
export interface ConnectionView {
  tenantId: string;
  connectionId: string;
  status: ConnectionStatus;
  /** vault ciphertext of the user token; absent once revoked or purged */
  userTokenCiphertext?: string;
}

/** The reads of a Page's token a module acting on Pages holds in its own port (ActingConnections answers them). */
export interface PageTokenReads {
  /** The Page an Instagram account of the connection belongs to (its token acts for the account). */
  pageOfInstagramAccount(
    tenantId: string,
    connectionId: string,
    instagramAccountId: string,
  ): Promise<string | undefined>;
  /** Vault ciphertext of a Page's token. */
  pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined>;
}

/** The one change a module acting with a token makes to a connection. */
export interface TokenRefusalReport {
  /** Meta refused the connection's token: the connection is marked expired (once), with the reason. */
  markTokenInvalid(tenantId: string, connectionId: string, reason: string, actor: string): Promise<void>;
}

export interface ActingConnectionsDeps extends Omit<TokenRefusalDeps, 'connections'> {
  connections: ConnectionStore;
}

export class ActingConnections implements PageTokenReads, TokenRefusalReport {
  constructor(protected readonly deps: ActingConnectionsDeps) {}

  /**
   * A module's reader over this module's store in the function's table: how every module's wiring builds
   * it (`ConnectionsForAds.inTable({ db, tableName, events, audit, clock, ids })`).
   */
  static inTable<T extends ActingConnections>(
    this: new (deps: ActingConnectionsDeps) => T,
    parts: Omit<ActingConnectionsDeps, 'connections'> & { db: DynamoDBDocumentClient; tableName: string },
  ): T {
    const { db, tableName, events, audit, clock, ids } = parts;
    return new this({ connections: new DynamoConnectionStore(db, tableName), events, audit, clock, ids });
  }

  get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined> {
    return this.deps.connections.get(tenantId, connectionId);
  }

  /** Vault ciphertext of a Page's token. */
  async pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined> {
    return (await this.deps.connections.getPageToken(tenantId, connectionId, pageId))?.ciphertext;
  }

  async pageOfInstagramAccount(
    tenantId: string,
    connectionId: string,
    instagramAccountId: string,
  ): Promise<string | undefined> {
    const assets = await this.deps.connections.getAssets(tenantId, connectionId);
    return assets?.instagramAccounts.find((a) => a.id === instagramAccountId)?.pageId;
  }

  async markTokenInvalid(
    tenantId: string,
    connectionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    await markExpiredById(this.deps, tenantId, connectionId, reason, actor);
  }
}
