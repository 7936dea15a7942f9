/**
 * What the content module reads about connections, over the connections module's store. Transitional: the
 * connections module has not moved into lambdas/modules yet, so this adapter reaches its repository and
 * its `markExpired` directly; when it moves, this becomes a client of its public contracts and nothing
 * else in content changes (docs/modules.md, "Moving a module").
 */
import type { ConnectionRepository } from '../../../core/ports';
import { markExpired } from '../../../core/connections/manage-connections';
import { DomainError } from '../../../platform/core/errors';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import type { AssetRoute, ContentConnection, ContentConnections } from '../ports';

export class ConnectionsForContent implements ContentConnections {
  constructor(
    private readonly connections: ConnectionRepository,
    /** what expiring a connection takes (the sync's); the worker only reads */
    private readonly actors?: { events: EventPublisher; audit: AuditLog; clock: Clock; ids: IdGenerator },
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
    if (!this.actors)
      throw new DomainError('internal', 'This function does not expire connections', 'cannot_expire_here');
    const connection = await this.connections.get(tenantId, connectionId);
    if (connection)
      await markExpired({ ...this.actors, connections: this.connections }, connection, reason, actor);
  }
}
