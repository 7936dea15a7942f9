/**
 * The part every module's fake of its connections port shares (the fake of connections' ActingConnections
 * and the reads beside it): connections by tenant, the asset routes tenants selected, Page tokens (the
 * ciphertext names the Page), the Page of each Instagram account, and the connections expired because
 * Meta refused their token. Each module's fake adds how a test selects assets and what it reads of them.
 */
export interface FakeConnection {
  tenantId: string;
  connectionId: string;
  status: 'active' | 'expiring' | 'expired' | 'revoked';
}

export interface FakeRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

export class FakeConnectionsBase<C extends FakeConnection> {
  readonly connections = new Map<string, C>();
  readonly routes: FakeRoute[] = [];
  readonly pageTokens = new Map<string, string>();
  /** `${connectionId}|${instagramAccountId}` → its Page */
  readonly igPages = new Map<string, string>();
  readonly markedInvalid: Array<{ connectionId: string; reason: string; actor?: string }> = [];
  readonly reads = { routesFor: 0, get: 0 };

  protected key = (t: string, c: string) => `${t}|${c}`;

  /** stores the connection and routes each asset to it; each Page gets a token */
  protected select(c: C, assetType: string, assetIds: readonly string[]) {
    this.connections.set(this.key(c.tenantId, c.connectionId), c);
    for (const assetId of assetIds) {
      this.routes.push({ tenantId: c.tenantId, connectionId: c.connectionId, assetType, assetId });
      if (assetType === 'pages') this.pageTokens.set(`${c.connectionId}|${assetId}`, `ct:page:${assetId}`);
    }
  }
  /** stores the connection alone: a test that routes nothing, or routes its own way */
  protected store(c: C) {
    this.connections.set(this.key(c.tenantId, c.connectionId), c);
  }
  protected route(c: C, assetType: string, assetId: string) {
    this.routes.push({ tenantId: c.tenantId, connectionId: c.connectionId, assetType, assetId });
  }
  /** an Instagram account of the connection and its Page, whose token it acts with */
  protected linkInstagram(c: C, igAccountId: string, pageId: string, token: string) {
    this.igPages.set(`${c.connectionId}|${igAccountId}`, pageId);
    this.pageTokens.set(`${c.connectionId}|${pageId}`, token);
  }
  async routesFor(assetId: string) {
    this.reads.routesFor++;
    return this.routes.filter((r) => r.assetId === assetId);
  }
  async listSelected(assetType: string) {
    return this.routes.filter((r) => r.assetType === assetType);
  }
  async get(t: string, c: string) {
    this.reads.get++;
    return this.connections.get(this.key(t, c));
  }
  async list(t: string) {
    return [...this.connections.values()].filter((c) => c.tenantId === t);
  }
  async pageOfInstagramAccount(_t: string, c: string, ig: string) {
    return this.igPages.get(`${c}|${ig}`);
  }
  async pageToken(_t: string, c: string, p: string) {
    return this.pageTokens.get(`${c}|${p}`);
  }
  async markTokenInvalid(t: string, c: string, reason: string, actor?: string) {
    this.markedInvalid.push({ connectionId: c, reason, actor });
    const conn = this.connections.get(this.key(t, c));
    if (conn) this.connections.set(this.key(t, c), { ...conn, status: 'expired' });
  }
}
