/**
 * The calendar's view of connections: which Pages and Instagram accounts each of the tenant's connections
 * selected, read from the connections store (until connections answer through their contracts).
 */
import type { ConnectionStore as ConnectionRepository } from '../../connections/contracts/store';
import type { PublishingConnection, PublishingConnections } from '../ports';

/** a tenant has a handful of connections; a post's targets are looked up among at most this many */
export const MAX_CONNECTIONS = 200;

export class ConnectionSelections implements Pick<PublishingConnections, 'list'> {
  constructor(private readonly connections: Pick<ConnectionRepository, 'list'>) {}

  async list(tenantId: string): Promise<PublishingConnection[]> {
    return (await this.connections.list(tenantId, { limit: MAX_CONNECTIONS })).items;
  }
}
