/**
 * What the inbox reads about connections, over the connections module's store. Transitional: the
 * connections module has not moved into lambdas/modules yet, so this adapter reaches its repository
 * directly, and the functions that act with a token pass the connections' own way of expiring one
 * (expire-connection.ts); when it moves, this becomes a client of its public contracts and nothing else
 * in the inbox changes (docs/modules.md, "Moving a module").
 */
import type { ConnectionRecord } from '../../../core/connections/connection';
import type { ConnectionRepository } from '../../../core/ports';
import { DomainError } from '../../../platform/core/errors';
import type { AssetRoute, InboxAssets, InboxConnection, InboxConnections } from '../ports';

export class ConnectionsForInbox implements InboxConnections {
  constructor(
    private readonly connections: ConnectionRepository,
    /** marks a connection expired (audited, announced); absent where nothing acts with a token */
    private readonly expire?: (connection: ConnectionRecord, reason: string, actor: string) => Promise<void>,
  ) {}

  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.connections.routesFor(assetId);
  }

  listSelected(assetType: 'pages' | 'instagramAccounts' | 'whatsappNumbers'): Promise<AssetRoute[]> {
    return this.connections.listSelected(assetType);
  }

  get(tenantId: string, connectionId: string): Promise<InboxConnection | undefined> {
    return this.connections.get(tenantId, connectionId);
  }

  getAssets(tenantId: string, connectionId: string): Promise<InboxAssets | undefined> {
    return this.connections.getAssets(tenantId, connectionId);
  }

  async pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined> {
    return (await this.connections.getPageToken(tenantId, connectionId, pageId))?.ciphertext;
  }

  async markTokenInvalid(
    tenantId: string,
    connectionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    if (!this.expire)
      throw new DomainError('internal', 'This function does not expire connections', 'cannot_expire_here');
    const connection = await this.connections.get(tenantId, connectionId);
    if (connection) await this.expire(connection, reason, actor);
  }
}
