/**
 * What the connections core needs from outside, and nothing more: its store, the OAuth state nonces,
 * its slice of the Graph API, and the Page health it shows and updates. The platform's ports (clock,
 * ids, vault, bus, audit, secrets) are shared by every module. Each port has an in-memory fake in
 * test/modules/connections/fakes.ts.
 */
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  EventPublisher,
  IdGenerator,
  Page,
  PageRequest,
  SecretsProvider,
  TokenVault,
} from '../../platform/core/ports';
import type { AssetCatalog, AssetRoute, AssetSelection } from './contracts/assets';
import type { ConnectionRecord, PageTokenRecord } from './contracts/connection';
import type { ReturnUrlPolicy } from './core/return-url';

export type { AssetRoute } from './contracts/assets';

export interface AssetRouteLookup {
  /** Every tenant (and its connection) that selected this Meta asset. */
  routesFor(assetId: string): Promise<AssetRoute[]>;
  /** Every selection of one kind across all tenants (the scheduled jobs walk these). */
  listSelected(assetType: string): Promise<AssetRoute[]>;
}

export interface ConnectionStore extends AssetRouteLookup {
  /** Conditional create: fails with conflict if the id exists. */
  create(connection: ConnectionRecord): Promise<void>;
  get(tenantId: string, connectionId: string): Promise<ConnectionRecord | undefined>;
  list(tenantId: string, page: PageRequest): Promise<Page<ConnectionRecord>>;
  /**
   * Writes the whole connection. Refused with conflict `connection_revoked` when the stored connection is
   * gone or revoked, so a worker holding a copy read before a disconnect cannot bring the connection, or its
   * token, back. Revoking again, and a fresh OAuth grant (`reconnect`), may overwrite a revoked connection.
   */
  update(connection: ConnectionRecord, options?: { reconnect?: boolean }): Promise<void>;
  /** Every connection of a Meta user, across tenants (deauthorize, data deletion). */
  listByMetaUser(metaUserId: string): Promise<ConnectionRecord[]>;
  /** Every connection of every tenant, a page at a time (the token watch walks them). */
  listAll(page: PageRequest): Promise<Page<ConnectionRecord>>;
  savePageTokens(tenantId: string, connectionId: string, tokens: PageTokenRecord[]): Promise<void>;
  /** Removes every Page token of the connection (they die with the user token they came from). */
  deletePageTokens(tenantId: string, connectionId: string): Promise<number>;
  /** Removes one Page's token (the Page was revoked); true when there was one. */
  deletePageToken(tenantId: string, connectionId: string, pageId: string): Promise<boolean>;
  getPageToken(tenantId: string, connectionId: string, pageId: string): Promise<PageTokenRecord | undefined>;
  saveAssets(tenantId: string, connectionId: string, catalog: AssetCatalog): Promise<void>;
  getAssets(tenantId: string, connectionId: string): Promise<AssetCatalog | undefined>;
  /** Stores the selection and the asset → tenant routes that webhooks fan out on. */
  saveSelection(
    tenantId: string,
    connectionId: string,
    selection: AssetSelection,
    previous: AssetSelection,
  ): Promise<void>;
}

/** Records that an OAuth `state` nonce was consumed; true the first time only. */
export interface OAuthStateStore {
  consume(nonce: string, expiresAt: Date): Promise<boolean>;
}

export interface PageHealth {
  pageId: string;
  lastDeliveryAt: string | null;
  lastReconciliation: { at: string; outcome: string; fetched: number; stored: number } | null;
  lastSubscriptionCheck: { at: string; outcome: string } | null;
}

/** The Page health shown on a connection; the subscription check records its outcome there. */
export interface PageHealthStore {
  listPageHealth(tenantId: string, connectionId: string): Promise<PageHealth[]>;
  updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: Pick<PageHealth, 'lastSubscriptionCheck'>,
  ): Promise<void>;
}

export interface TokenGrant {
  accessToken: string;
  /** seconds; null when Meta gave none */
  expiresIn: number | null;
}

export interface TokenInfo {
  isValid: boolean;
  type: string | null;
  userId: string | null;
  scopes: string[];
  /**
   * `granular_scopes[].target_ids`: the assets each permission was granted for when the person picked
   * them one by one (only scopes Meta reports targets for)
   */
  grantedTargets: Record<string, string[]>;
  /** null = never expires (Meta reports 0) */
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  errorCode: number | null;
  errorSubcode: number | null;
}

export interface MetaPageWithToken {
  id: string;
  name: string;
  category: string | null;
  accessToken: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaBusinessPage {
  id: string;
  name: string;
  category: string | null;
  instagramBusinessAccountId: string | null;
}

export interface MetaAdAccount {
  id: string;
  accountId: string;
  name: string;
  currency: string | null;
}

export interface MetaLeadForm {
  id: string;
  name: string;
  status: string | null;
}

export interface MetaWhatsAppNumber {
  id: string;
  wabaId: string;
  wabaName: string | null;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

/** The tokens: the code exchange, the long-lived exchange and `debug_token`. */
export interface TokenGraph {
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  exchangeForLongLived(shortLivedToken: string): Promise<TokenGrant>;
  debugToken(inputToken: string): Promise<TokenInfo>;
  getMe(userToken: string): Promise<{ id: string; name: string | null }>;
}

/** What a person granted: `me/accounts` and the edges the catalog is built from. */
export interface AssetGraph {
  listPages(userToken: string): Promise<MetaPageWithToken[]>;
  listBusinesses(userToken: string): Promise<Array<{ id: string; name: string }>>;
  listBusinessPages(businessId: string, userToken: string): Promise<MetaBusinessPage[]>;
  listAdAccounts(userToken: string): Promise<MetaAdAccount[]>;
  listBusinessAdAccounts(businessId: string, userToken: string): Promise<MetaAdAccount[]>;
  /** id and username only: what the permission document says is kept of an Instagram account */
  getInstagramAccount(igUserId: string, token: string): Promise<{ id: string; username: string | null }>;
  listLeadForms(pageId: string, pageToken: string): Promise<MetaLeadForm[]>;
  /** the numbers of the WhatsApp accounts the business owns and of those shared with it by clients */
  listWhatsAppNumbers(businessId: string, userToken: string): Promise<MetaWhatsAppNumber[]>;
  /** one WhatsApp account's numbers (an account granted on its own, without its business) */
  wabaNumbers(wabaId: string, userToken: string): Promise<MetaWhatsAppNumber[]>;
  /** one Page granted on its own, with its Page token */
  getPage(pageId: string, userToken: string): Promise<MetaPageWithToken>;
  getBusiness(businessId: string, userToken: string): Promise<{ id: string; name: string }>;
  getAdAccount(adAccountId: string, userToken: string): Promise<MetaAdAccount>;
}

/** The app's webhook subscription on a Page. */
export interface SubscriptionGraph {
  subscribePage(pageId: string, pageToken: string, fields: string[]): Promise<void>;
  unsubscribePage(pageId: string, pageToken: string): Promise<void>;
  /** The fields this app is subscribed to on the Page; empty when the app is not subscribed. */
  pageSubscription(pageId: string, pageToken: string): Promise<string[]>;
}

/** The connections module's slice of the Graph API. */
export interface ConnectionsGraph extends TokenGraph, AssetGraph, SubscriptionGraph {
  /** `DELETE /me/permissions`: the person's grant to the app ends (a disconnect). */
  revokePermissions(userToken: string): Promise<void>;
}

/**
 * What every use case that acts for a connection needs: time, ids, the token vault, events, the audit log
 * and the connections.
 */
export interface ConnectionActorDeps {
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionStore;
}

export interface ConnectSettings {
  graphVersion: string;
  /** Facebook's login host (the simulator locally) */
  loginUrl: string;
  /** this API's OAuth callback, registered in the Meta app's Valid OAuth Redirect URIs */
  redirectUri: string;
  returnUrls: ReturnUrlPolicy;
}

/** Connecting, the asset catalog, the selection and the token watch. */
export interface ConnectDeps extends ConnectionActorDeps {
  secrets: SecretsProvider;
  oauthStates: OAuthStateStore;
  graph: ConnectionsGraph;
  settings: ConnectSettings;
}

/** The daily check of the Pages' webhook subscriptions. */
export interface SubscriptionCheckDeps extends ConnectionActorDeps {
  graph: SubscriptionGraph;
  pageHealth: Pick<PageHealthStore, 'updatePageHealth'>;
}

/** A request that the data of revoked connections be purged: the privacy module's deletion request. */
export interface DeletionRequester {
  /** Records the request (its confirmation code and public status) and queues each connection's purge. */
  request(
    input: { source: 'disconnect'; connections: Array<{ tenantId: string; connectionId: string }> },
    actor: string,
  ): Promise<{ code: string; status: 'pending' | 'completed' }>;
}

/** A disconnect: the grant revoked at Meta, the connection revoked here, its data's purge requested. */
export interface DisconnectDeps extends ConnectionActorDeps {
  graph: Pick<ConnectionsGraph, 'revokePermissions'>;
  deletions: DeletionRequester;
}

/** Revoking one asset: out of the selection (Meta's subscription follows), its data's purge queued. */
export interface RevokeAssetDeps extends ConnectDeps {
  commands: CommandPublisher;
}

/** The daily token watch: inspects, refreshes (Page tokens re-derived), warns and expires. */
export interface TokenWatchDeps extends ConnectionActorDeps {
  graph: TokenGraph & AssetGraph;
}
