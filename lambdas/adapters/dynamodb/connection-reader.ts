/**
 * What the inbox and content read about connections (routes, a connection, its assets, a Page token),
 * over the store the connections module publishes in its contracts, and how they expire one whose token
 * Meta refused. Each holds it to its own port (`connections-for-inbox.ts`, `connections-for-content.ts`).
 */
import type { ConnectionRecord } from '../../modules/connections/contracts';
import type {
  AssetRoute,
  ConnectionStore as ConnectionRepository,
} from '../../modules/connections/contracts/store';
import { DomainError } from '../../platform/core/errors';

export type ExpireConnection = (connection: ConnectionRecord, reason: string, actor: string) => Promise<void>;

export class ConnectionReader {
  constructor(
    private readonly connections: ConnectionRepository,
    /** marks a connection expired (audited, announced); absent where nothing acts with a token */
    private readonly expire?: ExpireConnection,
  ) {}

  routesFor(assetId: string): Promise<AssetRoute[]> {
    return this.connections.routesFor(assetId);
  }

  listSelected(assetType: string): Promise<AssetRoute[]> {
    return this.connections.listSelected(assetType);
  }

  get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined> {
    return this.connections.get(tenantId, connectionId);
  }

  getAssets(tenantId: string, connectionId: string) {
    return this.connections.getAssets(tenantId, connectionId);
  }

  /** Vault ciphertext of a Page's token. */
  async pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined> {
    return (await this.connections.getPageToken(tenantId, connectionId, pageId))?.ciphertext;
  }

  async markTokenInvalid(
    tenantId: string,
    connectionId: string,
    reason: string,
    actor: string,
  ): Promise<void> {
    if (!this.expire)
      throw new DomainError('internal', 'This function does not expire connections', 'cannot_expire_here');
    const connection = await this.connections.get(tenantId, connectionId);
    if (connection) await this.expire(connection, reason, actor);
  }
}
