/**
 * What the leads module reads about connections, over the connections module's store, and the one change
 * it makes (a token Meta refused expires the connection): both through the connections' contracts.
 */
import { ActingConnections } from '../../connections/contracts/acting-connections';
import type { AssetRoute, LeadConnection, LeadConnections } from '../ports';

/** a tenant has a handful of connections; the API lists at most this many when looking for a form */
const MAX_CONNECTIONS = 200;

export class ConnectionsForLeads extends ActingConnections implements LeadConnections {
  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.deps.connections.routesFor(assetId);
  }

  selectedPages(): Promise<AssetRoute[]> {
    return this.deps.connections.listSelected('pages');
  }

  async list(tenantId: string): Promise<LeadConnection[]> {
    return (await this.deps.connections.list(tenantId, { limit: MAX_CONNECTIONS })).items;
  }

  async leadForms(tenantId: string, connectionId: string) {
    return (await this.deps.connections.getAssets(tenantId, connectionId))?.leadForms.map((f) => ({
      id: f.id,
      pageId: f.pageId,
    }));
  }
}
