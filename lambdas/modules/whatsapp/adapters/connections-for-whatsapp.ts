/**
 * What the WhatsApp module reads about connections, over the connections module's store: which numbers a
 * tenant selected (and their account, from the catalog Meta showed), and the connection's token, which
 * WhatsApp calls use (there is no Page token for a number). Transitional, like the leads module's reader:
 * when connections move into lambdas/modules, this becomes a client of their contracts.
 */
import type { ConnectionStore as ConnectionRepository } from '../../connections/contracts/store';
import type { ConnectionRecord } from '../../connections/contracts';
import type { TokenVault } from '../../../platform/core/ports';
import type { SelectedNumber, SelectedWaba, WhatsAppConnections } from '../ports';

/** a tenant has a handful of connections; looking for an account reads at most this many */
const MAX_CONNECTIONS = 200;

/** what the service may act with: not disconnected, not expired, and holding a token */
const usable = (c: ConnectionRecord | undefined): c is ConnectionRecord =>
  !!c && c.status !== 'revoked' && c.status !== 'expired' && !!c.userTokenCiphertext;

/** Which tenants selected a number of an account: all the template-status worker reads (no token). */
export class WabaSelections implements Pick<WhatsAppConnections, 'selectionsOfWaba'> {
  constructor(protected readonly connections: ConnectionRepository) {}

  async selectionsOfWaba(wabaId: string): Promise<SelectedWaba[]> {
    const seen = new Set<string>();
    const out: SelectedWaba[] = [];
    for (const r of await this.connections.listSelected('whatsappNumbers')) {
      const key = `${r.tenantId}#${r.connectionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const c = await this.connections.get(r.tenantId, r.connectionId);
      if (c && c.status !== 'revoked' && (await this.selectsWaba(c, wabaId)))
        out.push({ tenantId: r.tenantId, connectionId: r.connectionId, wabaId });
    }
    return out;
  }

  protected async selectsWaba(c: ConnectionRecord, wabaId: string): Promise<boolean> {
    if (c.selection.whatsappNumbers.length === 0) return false;
    const catalog = await this.connections.getAssets(c.tenantId, c.connectionId);
    const selected = new Set(c.selection.whatsappNumbers);
    return !!catalog?.whatsappNumbers.some((n) => n.wabaId === wabaId && selected.has(n.id));
  }
}

export class ConnectionsForWhatsApp extends WabaSelections implements WhatsAppConnections {
  constructor(
    connections: ConnectionRepository,
    private readonly vault: TokenVault,
  ) {
    super(connections);
  }

  async findNumber(tenantId: string, phoneNumberId: string): Promise<SelectedNumber | undefined> {
    const routes = (await this.connections.routesFor(phoneNumberId)).filter(
      (r) => r.tenantId === tenantId && r.assetType === 'whatsappNumbers',
    );
    for (const r of routes) {
      const c = await this.connections.get(tenantId, r.connectionId);
      if (!c || c.status === 'revoked' || !c.selection.whatsappNumbers.includes(phoneNumberId)) continue;
      const n = (await this.connections.getAssets(tenantId, r.connectionId))?.whatsappNumbers.find(
        (x) => x.id === phoneNumberId,
      );
      if (n) return { tenantId, connectionId: r.connectionId, phoneNumberId, wabaId: n.wabaId };
    }
    return undefined;
  }

  async findWaba(tenantId: string, wabaId: string): Promise<SelectedWaba | undefined> {
    const { items } = await this.connections.list(tenantId, { limit: MAX_CONNECTIONS });
    for (const c of items) {
      if (c.status !== 'revoked' && (await this.selectsWaba(c, wabaId)))
        return { tenantId, connectionId: c.connectionId, wabaId };
    }
    return undefined;
  }

  async token(tenantId: string, connectionId: string): Promise<string | undefined> {
    const c = await this.connections.get(tenantId, connectionId);
    if (!usable(c)) return undefined;
    return this.vault.decrypt(c.userTokenCiphertext!, { tenantId, connectionId });
  }
}
