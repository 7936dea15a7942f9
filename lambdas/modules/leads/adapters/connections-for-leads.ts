/**
 * What the leads module reads about connections, over the connections module's store, and the one change
 * it makes (a token Meta refused expires the connection): both through the connections' contracts.
 */
import { markExpiredById } from '../../connections/contracts/token-refusal';
import type { ConnectionStore } from '../../connections/contracts/store';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import type { AssetRoute, LeadConnection, LeadConnections } from '../ports';

/** a tenant has a handful of connections; the API lists at most this many when looking for a form */
const MAX_CONNECTIONS = 200;

export class ConnectionsForLeads implements LeadConnections {
  constructor(
    private readonly deps: {
      connections: ConnectionStore;
      events: EventPublisher;
      audit: AuditLog;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.deps.connections.routesFor(assetId);
  }

  selectedPages(): Promise<AssetRoute[]> {
    return this.deps.connections.listSelected('pages');
  }

  get(tenantId: string, connectionId: string): Promise<LeadConnection | undefined> {
    return this.deps.connections.get(tenantId, connectionId);
  }

  async list(tenantId: string): Promise<LeadConnection[]> {
    return (await this.deps.connections.list(tenantId, { limit: MAX_CONNECTIONS })).items;
  }

  async pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined> {
    return (await this.deps.connections.getPageToken(tenantId, connectionId, pageId))?.ciphertext;
  }

  async leadForms(tenantId: string, connectionId: string) {
    return (await this.deps.connections.getAssets(tenantId, connectionId))?.leadForms.map((f) => ({
      id: f.id,
      pageId: f.pageId,
    }));
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
