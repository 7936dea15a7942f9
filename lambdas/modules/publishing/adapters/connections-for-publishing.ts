/**
 * What the publish worker reads about connections, over the connections store (until connections answer
 * through their contracts): a connection, the Page behind an Instagram account, a Page's token; and the one
 * change it makes, marking a connection whose token Meta refused as expired.
 */
import type { ConnectionStore as ConnectionRepository } from '../../connections/contracts/store';
import { markExpiredById } from '../../connections/contracts';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import type { PublishingConnection, PublishingConnections } from '../ports';

export class ConnectionsForPublishing implements Omit<PublishingConnections, 'list'> {
  constructor(
    private readonly deps: {
      connections: ConnectionRepository;
      events: EventPublisher;
      audit: AuditLog;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  get(tenantId: string, connectionId: string): Promise<PublishingConnection | undefined> {
    return this.deps.connections.get(tenantId, connectionId);
  }

  async pageOfInstagramAccount(tenantId: string, connectionId: string, instagramAccountId: string) {
    const assets = await this.deps.connections.getAssets(tenantId, connectionId);
    return assets?.instagramAccounts.find((a) => a.id === instagramAccountId)?.pageId;
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
    await markExpiredById(this.deps, tenantId, connectionId, reason, actor);
  }
}
