/**
 * What the inbox core needs from outside, and nothing more: its stores, its slice of the Graph API, the
 * AI assistant, what it reads about connections, and the platform's shared ports (clock, ids, vault,
 * bus, audit, settings). Each port has an in-memory fake in test/modules/inbox/fakes.ts.
 */
import type { CommandPublisher, PlatformDeps, Watermarks } from '../../../platform/core/ports';
import type { Metrics } from '../../../platform/core/observability/metrics';
import type { TextCipher } from '../core/field-cipher';
import type { ReplyAssistant } from '../core/reply-assistant';
import type { InboxGraph } from './graph';
import type { InboxRepository, ReplyRepository } from './stores';
import type { ConnectionView } from '../../connections/contracts/acting-connections';

export type * from './graph';
export type * from './stores';
export type { ReplyAssistant, TextCipher };

/** A tenant (and its connection) that selected a Meta asset. */
export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

/** A connection as the inbox sees it (WhatsApp acts with its user token). */
export interface InboxConnection extends ConnectionView {
  /** the features the person granted (`inbox`, `whatsapp`, …) */
  features: readonly string[];
  /** set when a purge was asked for: nothing new may land behind it */
  deletionRequestedAt?: string;
}

/** The part of a connection's asset listing the inbox reads. */
export interface InboxAssets {
  /** each Instagram account with the Page it is linked to (whose token and Send API it uses) */
  instagramAccounts: ReadonlyArray<{ id: string; pageId: string }>;
  /** each WhatsApp phone number with its WhatsApp Business Account */
  whatsappNumbers: ReadonlyArray<{ id: string; wabaId: string }>;
}

/** What the inbox reads about connections (the connections module's data), and the one change it makes. */
export interface InboxConnections {
  /** Every tenant (and its connection) that selected this asset: a Page, an Instagram account, a number. */
  routesFor(assetId: string): Promise<AssetRoute[]>;
  /** Every selection of one kind across all tenants (the scheduled jobs walk these). */
  listSelected(assetType: 'pages' | 'instagramAccounts' | 'whatsappNumbers'): Promise<AssetRoute[]>;
  get(tenantId: string, connectionId: string): Promise<InboxConnection | undefined>;
  getAssets(tenantId: string, connectionId: string): Promise<InboxAssets | undefined>;
  /** Vault ciphertext of a Page's token. */
  pageToken(tenantId: string, connectionId: string, pageId: string): Promise<string | undefined>;
  /** Meta no longer accepts the connection's token: it is marked expired (audited and announced once). */
  markTokenInvalid(tenantId: string, connectionId: string, reason: string, actor: string): Promise<void>;
}

/** Watermarks of the scheduled comment sync. */
export type InboxSyncState = Watermarks;

/** Everything the inbox worker, the sync and the API use; each use case takes the part it needs. */
export interface InboxDeps extends PlatformDeps {
  connections: InboxConnections;
  syncState: InboxSyncState;
  inbox: InboxRepository;
  replies: ReplyRepository;
  cipher: TextCipher;
  inboxGraph: InboxGraph;
  assistant: ReplyAssistant;
  commands: CommandPublisher;
  /** business metrics: approvals */
  metrics: Metrics;
}

/**
 * What the inbox API uses: no Graph API and no vault of its own (the cipher holds the data key), so the
 * API function builds neither the Graph client nor the Meta secret.
 */
export type InboxApiDeps = Omit<InboxDeps, 'inboxGraph' | 'vault' | 'syncState'>;
