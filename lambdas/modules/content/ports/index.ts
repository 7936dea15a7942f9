/**
 * What the content core needs from outside, and nothing more: its store, its slice of the Graph API,
 * what it reads about connections and the calendar, and the platform's shared ports. Each port has an
 * in-memory fake in test/modules/content/fakes.ts.
 */
import type { Clock, SettingsRepository, TokenVault } from '../../../platform/core/ports';
import type { ContentGraph, ContentRepository } from './stores';
import type { ConnectionView } from '../../connections/contracts/acting-connections';

export type * from './stores';
export { MAX_LISTS_PER_CALL } from './stores';

/** A tenant (and its connection) that selected a Page or an Instagram account. */
export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

/** A connection as the content module sees it. */
export interface ContentConnection extends ConnectionView {
  /** the features the person granted: content figures come with `insights` */
  features: readonly string[];
}

/** What the content module reads about connections (the connections module's data), and the one change it makes. */
export interface ContentConnections {
  /** Every tenant (and its connection) that selected this Page. */
  routesFor(assetId: string): Promise<AssetRoute[]>;
  /** Every selection of one kind across all tenants (the sync walks these). */
  listSelected(assetType: 'pages' | 'instagramAccounts'): Promise<AssetRoute[]>;
  get(tenantId: string, connectionId: string): Promise<ContentConnection | undefined>;
  /** Each Instagram account with the Page it is linked to (it is read with that Page's token). */
  getAssets(
    tenantId: string,
    connectionId: string,
  ): Promise<{ instagramAccounts: ReadonlyArray<{ id: string; pageId: string }> } | undefined>;
  /** Vault ciphertext of a Page's token. */
  pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined>;
  /** Meta no longer accepts the connection's token: it is marked expired (audited and announced once). */
  markTokenInvalid(tenantId: string, connectionId: string, reason: string, actor: string): Promise<void>;
}

/** A calendar post as content links it (the publishing module's data): what it said and where it went. */
export interface CalendarPost {
  id: string;
  message: string;
  link?: string;
  media: ReadonlyArray<{ type: 'image' | 'video'; url: string }>;
  /** by target key (`facebook_page:<id>`, `instagram_account:<id>`) */
  targetStates: Readonly<Record<string, { connectionId: string; publishedAt?: string; permalink?: string }>>;
}

/** What the content module reads of the publishing calendar. */
export interface ContentCalendar {
  get(tenantId: string, postId: string): Promise<CalendarPost | undefined>;
}

/** Everything the content worker and the sync use; each use case takes the part it needs. */
export interface ContentDeps {
  clock: Clock;
  vault: TokenVault;
  settings: SettingsRepository;
  connections: ContentConnections;
  content: ContentRepository;
  contentGraph: ContentGraph;
  /** the calendar, read to link its published posts to their content */
  posts: ContentCalendar;
}

/** What the content worker uses: table reads and writes only (no Graph API, no vault, no bus). */
export interface ContentIngestDeps {
  clock: Clock;
  settings: SettingsRepository;
  connections: Pick<ContentConnections, 'routesFor' | 'get'>;
  content: ContentRepository;
  posts: ContentCalendar;
}
