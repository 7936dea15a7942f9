/**
 * What the insights module reads about connections, over the store the connections' contracts publish:
 * what every acting module reads (`ActingConnections`: a connection, a Page's token, the Page behind an
 * Instagram account, expiring a connection whose token Meta refused) and the selected assets of every tenant.
 */
import { ActingConnections } from '../../connections/contracts/acting-connections';
import type { AssetRoute, InsightsConnections } from '../ports';

export class ConnectionsForInsights extends ActingConnections implements InsightsConnections {
  selected(assetType: 'pages' | 'instagramAccounts' | 'adAccounts'): Promise<AssetRoute[]> {
    return this.deps.connections.listSelected(assetType);
  }
}
