/**
 * What the publish worker reads about connections: exactly what every acting module reads
 * (`ActingConnections`, over the store the connections' contracts publish: a connection, the Page behind an
 * Instagram account, a Page's token, expiring a connection whose token Meta refused).
 */
import { ActingConnections } from '../../connections/contracts/acting-connections';
import type { PublishingConnections } from '../ports';

export class ConnectionsForPublishing
  extends ActingConnections
  implements Omit<PublishingConnections, 'list'> {}
