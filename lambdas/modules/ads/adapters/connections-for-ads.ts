/**
 * What the ads module reads about connections, over the connections store (until connections answer
 * through their contracts): a connection and its selection, every connection (the status sync), the ad
 * accounts' currencies and the lead forms of the last asset listing; and the one change it makes, marking a
 * connection whose token Meta refused as expired.
 */
import type { ConnectionStore as ConnectionRepository } from '../../connections/contracts/store';
import { markExpiredById } from '../../connections/contracts';
import type { AuditLog, Clock, EventPublisher, IdGenerator } from '../../../platform/core/ports';
import type { AdsAssets, AdsConnection, AdsConnections } from '../ports';

/** a tenant has a handful of connections; an ad account is looked up among at most this many */
const MAX_CONNECTIONS = 200;

export class ConnectionsForAds implements AdsConnections {
  constructor(
    private readonly deps: {
      connections: ConnectionRepository;
      events: EventPublisher;
      audit: AuditLog;
      clock: Clock;
      ids: IdGenerator;
    },
  ) {}

  get(tenantId: string, connectionId: string): Promise<AdsConnection | undefined> {
    return this.deps.connections.get(tenantId, connectionId);
  }

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

  async markTokenInvalid(
    tenantId: string,
    connectionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    await markExpiredById(this.deps, tenantId, connectionId, reason, actor);
  }
}
