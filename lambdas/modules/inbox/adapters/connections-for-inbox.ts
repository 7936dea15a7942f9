/**
 * What the inbox reads about connections, over the connections module's store. Transitional: the
 * connections module has not moved into lambdas/modules yet, so this adapter reaches its repository and
 * its `markExpired` directly; when it moves, this becomes a client of its public contracts and nothing
 * else in the inbox changes (docs/modules.md, "Moving a module").
 */
import type { ConnectionRepository } from '../../../core/ports';
import { markExpired } from '../../../core/connections/manage-connections';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import type { AssetRoute, InboxAssets, InboxConnection, InboxConnections } from '../ports';

export class ConnectionsForInbox implements InboxConnections {
  constructor(
    private readonly deps: {
      connections: ConnectionRepository;
      events: EventPublisher;
      audit: AuditLog;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.deps.connections.routesFor(assetId);
  }

  listSelected(assetType: 'pages' | 'instagramAccounts' | 'whatsappNumbers'): Promise<AssetRoute[]> {
    return this.deps.connections.listSelected(assetType);
  }

  get(tenantId: string, connectionId: string): Promise<InboxConnection | undefined> {
    return this.deps.connections.get(tenantId, connectionId);
  }

  getAssets(tenantId: string, connectionId: string): Promise<InboxAssets | undefined> {
    return this.deps.connections.getAssets(tenantId, connectionId);
  }

  async pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined> {
    return (await this.deps.connections.getPageToken(tenantId, connectionId, pageId))?.ciphertext;
  }

  async markTokenInvalid(
    tenantId: string,
    connectionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    const connection = await this.deps.connections.get(tenantId, connectionId);
    if (connection) await markExpired(this.deps, connection, reason, actor);
  }
}
