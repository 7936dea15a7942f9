/**
 * What the ads module reads about connections, over the store the connections' contracts publish: what every
 * acting module reads (`ActingConnections`), every connection of a tenant or of all tenants (the status
 * sync), and the ad accounts' currencies and lead forms of the last asset listing.
 */
import { ActingConnections } from '../../connections/contracts/acting-connections';
import type { AdsAssets, AdsConnection, AdsConnections } from '../ports';

/** a tenant has a handful of connections; an ad account is looked up among at most this many */
const MAX_CONNECTIONS = 200;

export class ConnectionsForAds extends ActingConnections implements AdsConnections {
  async list(tenantId: string): Promise<AdsConnection[]> {
    return (await this.deps.connections.list(tenantId, { limit: MAX_CONNECTIONS })).items;
  }

  async all(): Promise<AdsConnection[]> {
    const out: AdsConnection[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.connections.listAll({ limit: MAX_CONNECTIONS, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async assets(tenantId: string, connectionId: string): Promise<AdsAssets | undefined> {
    const catalog = await this.deps.connections.getAssets(tenantId, connectionId);
    return catalog && { adAccounts: catalog.adAccounts, leadForms: catalog.leadForms };
  }
}
