/**
 * What the content module reads about connections, over the connections module's store. Transitional: the
 * connections module has not moved into lambdas/modules yet, so this adapter reaches its repository
 * directly, and the sync passes the connections' own way of expiring one; when it moves, this becomes a
 * client of its public contracts and nothing else in content changes (docs/modules.md, "Moving a module").
 */
import type { ConnectionRecord } from '../../../core/connections/connection';
import type { ConnectionRepository } from '../../../core/ports';
import { DomainError } from '../../../platform/core/errors';
import type { AssetRoute, ContentConnection, ContentConnections } from '../ports';

export class ConnectionsForContent implements ContentConnections {
  constructor(
    private readonly connections: ConnectionRepository,
    /** marks a connection expired (audited, announced): the sync's; the worker and the API only read */
    private readonly expire?: (connection: ConnectionRecord, reason: string, actor: string) => Promise<void>,
  ) {}

  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.connections.routesFor(assetId);
  }

  listSelected(assetType: 'pages' | 'instagramAccounts'): Promise<AssetRoute[]> {
    return this.connections.listSelected(assetType);
  }

  get(tenantId: string, connectionId: string): Promise<ContentConnection | undefined> {
    return this.connections.get(tenantId, connectionId);
  }

  getAssets(tenantId: string, connectionId: string) {
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
