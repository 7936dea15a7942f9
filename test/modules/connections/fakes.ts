/**
 * In-memory fakes of the connections module's ports (and the platform ports it takes), for use-case
 * tests: each keeps what it was given, and a test scripts Meta's answers through
 * {@link FakeConnectionsGraph} (a failure queued for a call is thrown by that call).
 */
import type {
  AssetCatalog,
  AssetRoute,
  AssetSelection,
  ConnectionRecord,
  PageTokenRecord,
} from '../../../lambdas/modules/connections/contracts';
import { CONNECTION_REVOKED } from '../../../lambdas/modules/connections/contracts';
import type {
  ConnectionStore,
  ConnectionsGraph,
  ConnectDeps,
  DeletionRequester,
  MetaAdAccount,
  MetaPageWithToken,
  MetaWhatsAppNumber,
  OAuthStateStore,
  PageHealth,
  PageHealthStore,
  TokenGrant,
  TokenInfo,
} from '../../../lambdas/modules/connections/ports';
import { emptySelection } from '../../../lambdas/modules/connections/core/assets';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import { DomainError } from '../../../lambdas/platform/core/errors';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import type { MetaAppSecrets, Page } from '../../../lambdas/platform/core/ports';

const key = (t: string, id: string) => `${t}|${id}`;

/** the fake vault's ciphertext: the plaintext with the context it was sealed under */
export const sealed = (tenantId: string, connectionId: string, plaintext: string) =>
  `enc[${tenantId}/${connectionId}]${plaintext}`;

export class FakeConnectionStore implements ConnectionStore {
  readonly connections = new Map<string, ConnectionRecord>();
  readonly pageTokens = new Map<string, PageTokenRecord>();
  readonly catalogs = new Map<string, AssetCatalog>();
  readonly routes: AssetRoute[] = [];

  async create(c: ConnectionRecord) {
    if (this.connections.has(key(c.tenantId, c.connectionId)))
      throw new DomainError('conflict', 'exists', 'connection_exists');
    this.connections.set(key(c.tenantId, c.connectionId), structuredClone(c));
  }
  async get(t: string, id: string) {
    const c = this.connections.get(key(t, id));
    return c && structuredClone(c);
  }
  async list(t: string): Promise<Page<ConnectionRecord>> {
    return { items: [...this.connections.values()].filter((c) => c.tenantId === t), nextCursor: null };
  }
  /** the production store's guard: a disconnected connection is never written back by a stale copy */
  async update(c: ConnectionRecord, options: { reconnect?: boolean } = {}) {
    const stored = this.connections.get(key(c.tenantId, c.connectionId));
    if (c.status !== 'revoked' && !options.reconnect && (!stored || stored.status === 'revoked'))
      throw new DomainError('conflict', 'disconnected', CONNECTION_REVOKED);
    this.connections.set(key(c.tenantId, c.connectionId), structuredClone(c));
  }
  async listByMetaUser(metaUserId: string) {
    return [...this.connections.values()].filter((c) => c.metaUserId === metaUserId);
  }
  async listAll(page: { limit: number; cursor?: string }): Promise<Page<ConnectionRecord>> {
    const all = [...this.connections.values()];
    const from = page.cursor ? Number(page.cursor) : 0;
    const next = from + page.limit;
    return { items: all.slice(from, next), nextCursor: next < all.length ? String(next) : null };
  }
  async savePageTokens(t: string, id: string, tokens: PageTokenRecord[]) {
    for (const p of tokens) this.pageTokens.set(`${key(t, id)}|${p.pageId}`, p);
  }
  async deletePageTokens(t: string, id: string) {
    const mine = [...this.pageTokens.keys()].filter((k) => k.startsWith(`${key(t, id)}|`));
    for (const k of mine) this.pageTokens.delete(k);
    return mine.length;
  }
  async deletePageToken(t: string, id: string, pageId: string) {
    return this.pageTokens.delete(`${key(t, id)}|${pageId}`);
  }
  async getPageToken(t: string, id: string, pageId: string) {
    return this.pageTokens.get(`${key(t, id)}|${pageId}`);
  }
  async saveAssets(t: string, id: string, catalog: AssetCatalog) {
    this.catalogs.set(key(t, id), structuredClone(catalog));
  }
  async getAssets(t: string, id: string) {
    const c = this.catalogs.get(key(t, id));
    return c && structuredClone(c);
  }
  async saveSelection(t: string, id: string, selection: AssetSelection) {
    for (let i = this.routes.length - 1; i >= 0; i--) {
      const r = this.routes[i]!;
      if (r.tenantId === t && r.connectionId === id) this.routes.splice(i, 1);
    }
    for (const [assetType, ids] of Object.entries(selection))
      for (const assetId of ids) this.routes.push({ tenantId: t, connectionId: id, assetType, assetId });
  }
  async routesFor(assetId: string) {
    return this.routes.filter((r) => r.assetId === assetId);
  }
  async listSelected(assetType: string) {
    return this.routes.filter((r) => r.assetType === assetType);
  }

  /** a stored connection, its Page tokens and catalog, and the routes of its selection */
  async add(c: ConnectionRecord, opts: { pageTokens?: string[]; catalog?: AssetCatalog } = {}) {
    this.connections.set(key(c.tenantId, c.connectionId), structuredClone(c));
    await this.savePageTokens(
      c.tenantId,
      c.connectionId,
      (opts.pageTokens ?? []).map((pageId) => ({
        pageId,
        ciphertext: sealed(c.tenantId, c.connectionId, `page-token:${pageId}`),
        tokenExpiresAt: null,
      })),
    );
    if (opts.catalog) await this.saveAssets(c.tenantId, c.connectionId, opts.catalog);
    await this.saveSelection(c.tenantId, c.connectionId, c.selection);
  }
  stored(t = 't1', id = 'con_1') {
    return this.connections.get(key(t, id));
  }
}

export class FakeOAuthStates implements OAuthStateStore {
  readonly consumed = new Set<string>();
  async consume(nonce: string) {
    if (this.consumed.has(nonce)) return false;
    this.consumed.add(nonce);
    return true;
  }
}

export class FakePageHealth implements PageHealthStore {
  readonly health = new Map<string, PageHealth>();
  async listPageHealth(t: string, id: string) {
    return [...this.health.entries()].filter(([k]) => k.startsWith(`${key(t, id)}|`)).map(([, v]) => v);
  }
  async updatePageHealth(t: string, id: string, pageId: string, patch: Partial<PageHealth>) {
    const k = `${key(t, id)}|${pageId}`;
    const was = this.health.get(k) ?? {
      pageId,
      lastDeliveryAt: null,
      lastReconciliation: null,
      lastSubscriptionCheck: null,
    };
    this.health.set(k, { ...was, ...patch });
  }
}

/** A Graph error as Meta answers it: `{code, error_subcode}` with its HTTP status. */
export const graphError = (code: number, subcode?: number, httpStatus = 400) =>
  new MetaGraphError(httpStatus, {
    code,
    errorSubcode: subcode,
    message: `code ${code}`,
    type: 'OAuthException',
  });

type Method = keyof ConnectionsGraph;

/** Meta as the use cases see it: answers set per test, every call recorded, failures queued per method. */
export class FakeConnectionsGraph implements ConnectionsGraph {
  readonly calls: Array<{ method: Method; args: unknown[] }> = [];
  private readonly failures = new Map<Method, unknown[]>();
  tokenInfo: Record<string, TokenInfo> = {};
  longLived: TokenGrant = { accessToken: 'long-token', expiresIn: 60 * 86_400 };
  me = { id: 'meta-user-1', name: 'Ana' as string | null };
  pages: MetaPageWithToken[] = [];
  businesses: Array<{ id: string; name: string }> = [];
  adAccounts: MetaAdAccount[] = [];
  leadForms: Record<string, Array<{ id: string; name: string; status: string | null }>> = {};
  whatsappNumbers: MetaWhatsAppNumber[] = [];
  subscriptions = new Map<string, string[]>();

  /** the next call of `method` throws `err` (queue several for several calls) */
  fail(method: Method, err: unknown) {
    this.failures.set(method, [...(this.failures.get(method) ?? []), err]);
  }
  called(method: Method) {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
  private async call<T>(method: Method, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args });
    const queued = this.failures.get(method);
    if (queued?.length) throw queued.shift();
    return answer();
  }

  exchangeCode(code: string, redirectUri: string) {
    return this.call('exchangeCode', [code, redirectUri], () => ({
      accessToken: 'short-token',
      expiresIn: 3600,
    }));
  }
  exchangeForLongLived(token: string) {
    return this.call('exchangeForLongLived', [token], () => this.longLived);
  }
  debugToken(token: string) {
    return this.call('debugToken', [token], () => {
      const info = this.tokenInfo[token];
      if (!info) throw new Error(`no debug_token answer scripted for ${token}`);
      return info;
    });
  }
  getMe(token: string) {
    return this.call('getMe', [token], () => this.me);
  }
  listPages(token: string) {
    return this.call('listPages', [token], () => structuredClone(this.pages));
  }
  listBusinesses(token: string) {
    return this.call('listBusinesses', [token], () => structuredClone(this.businesses));
  }
  listBusinessPages(businessId: string, token: string) {
    return this.call('listBusinessPages', [businessId, token], () => []);
  }
  listAdAccounts(token: string) {
    return this.call('listAdAccounts', [token], () => structuredClone(this.adAccounts));
  }
  listBusinessAdAccounts(businessId: string, token: string) {
    return this.call('listBusinessAdAccounts', [businessId, token], () => []);
  }
  getInstagramAccount(id: string, token: string) {
    return this.call('getInstagramAccount', [id, token], () => ({ id, username: 'bakery' as string | null }));
  }
  listLeadForms(pageId: string, token: string) {
    return this.call('listLeadForms', [pageId, token], () => this.leadForms[pageId] ?? []);
  }
  listWhatsAppNumbers(businessId: string, token: string) {
    return this.call('listWhatsAppNumbers', [businessId, token], () => structuredClone(this.whatsappNumbers));
  }
  wabaNumbers(wabaId: string, token: string) {
    return this.call('wabaNumbers', [wabaId, token], () =>
      this.whatsappNumbers.filter((n) => n.wabaId === wabaId),
    );
  }
  getPage(pageId: string, token: string) {
    return this.call('getPage', [pageId, token], () => ({
      id: pageId,
      name: `Page ${pageId}`,
      category: null,
      accessToken: `page-token:${pageId}`,
      instagramBusinessAccountId: null,
    }));
  }
  getBusiness(id: string, token: string) {
    return this.call('getBusiness', [id, token], () => ({ id, name: `Business ${id}` }));
  }
  getAdAccount(id: string, token: string) {
    return this.call('getAdAccount', [id, token], () => ({
      id,
      accountId: id.slice(4),
      name: id,
      currency: 'EUR',
    }));
  }
  subscribePage(pageId: string, token: string, fields: string[]) {
    return this.call(
      'subscribePage',
      [pageId, token, fields],
      () => void this.subscriptions.set(pageId, fields),
    );
  }
  unsubscribePage(pageId: string, token: string) {
    return this.call('unsubscribePage', [pageId, token], () => void this.subscriptions.delete(pageId));
  }
  pageSubscription(pageId: string, token: string) {
    return this.call('pageSubscription', [pageId, token], () => this.subscriptions.get(pageId) ?? []);
  }
  revokePermissions(token: string) {
    return this.call('revokePermissions', [token], () => undefined);
  }
}

export class FakeDeletionRequests implements DeletionRequester {
  readonly requests: Array<{
    connections: Array<{ tenantId: string; connectionId: string }>;
    actor: string;
  }> = [];
  async request(input: Parameters<DeletionRequester['request']>[0], actor: string) {
    this.requests.push({ connections: input.connections, actor });
    return { code: `dlc_${this.requests.length}`, status: 'pending' as const };
  }
}

export const APP: MetaAppSecrets = {
  appId: 'app-1',
  appSecret: 'app-secret',
  verifyToken: 'verify',
  stateSigningKey: 'state-key-0123456789abcdef0123456789abcdef',
};

export const NOW = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
export const inDays = (days: number, from = NOW) => new Date(from.getTime() + days * DAY);

/** A valid `debug_token` answer for a user token, expiring in `days`. */
export const validToken = (over: Partial<TokenInfo> = {}): TokenInfo => ({
  isValid: true,
  type: 'USER',
  userId: 'meta-user-1',
  scopes: ['pages_show_list', 'pages_manage_metadata', 'leads_retrieval', 'pages_read_engagement'],
  grantedTargets: {},
  expiresAt: inDays(60),
  dataAccessExpiresAt: inDays(90),
  errorCode: null,
  errorSubcode: null,
  ...over,
});

export const connection = (over: Partial<ConnectionRecord> = {}): ConnectionRecord => ({
  tenantId: 't1',
  connectionId: 'con_1',
  status: 'active',
  metaUserId: 'meta-user-1',
  features: ['leads'],
  requestedScopes: [],
  grantedScopes: ['pages_show_list', 'pages_manage_metadata', 'leads_retrieval'],
  declinedScopes: [],
  missingFeatures: [],
  userTokenCiphertext: sealed('t1', 'con_1', 'user-token'),
  tokenExpiresAt: inDays(60).toISOString(),
  dataAccessExpiresAt: inDays(90).toISOString(),
  tokenCheckedAt: NOW.toISOString(),
  consentedAt: NOW.toISOString(),
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  selection: emptySelection(),
  createdBy: 'user:ana',
  ...over,
});

export const page = (id: string, over: Partial<MetaPageWithToken> = {}): MetaPageWithToken => ({
  id,
  name: `Page ${id}`,
  category: 'Bakery',
  accessToken: `page-token:${id}`,
  instagramBusinessAccountId: null,
  ...over,
});

/** Every port of the module faked, with a clock that tests can move. */
export function connectionFakes(now = NOW) {
  const connections = new FakeConnectionStore();
  const graph = new FakeConnectionsGraph();
  const oauthStates = new FakeOAuthStates();
  const pageHealth = new FakePageHealth();
  const deletions = new FakeDeletionRequests();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const clock = { at: now, now: () => clock.at };
  let n = 0;
  let app = APP;
  const deps: ConnectDeps = {
    clock,
    ids: { next: (p = 'id') => `${p}_${++n}` },
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: {
      encrypt: async (p, ctx) => sealed(ctx.tenantId, ctx.connectionId, p),
      decrypt: async (c) => c.replace(/^enc\[[^\]]*\]/, ''),
    },
    secrets: { metaApp: async () => app },
    events: { publish: async (e) => void events.push(...e) },
    audit: {
      record: async (e) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    connections,
    oauthStates,
    graph,
    settings: {
      graphVersion: 'v26.0',
      loginUrl: 'https://www.facebook.com',
      redirectUri: 'https://api.example/api/v1/meta/oauth/callback',
      returnUrls: { allowlist: ['https://crm.example'], allowLocalhost: false },
    },
  };
  return {
    deps: {
      ...deps,
      commands: {
        send: async (detailType: string, detail: Record<string, unknown>) =>
          void commands.push({ detailType, detail }),
      },
    },
    connections,
    graph,
    oauthStates,
    pageHealth,
    deletions,
    events,
    audit,
    commands,
    clock,
    setApp: (a: MetaAppSecrets) => void (app = a),
  };
}
