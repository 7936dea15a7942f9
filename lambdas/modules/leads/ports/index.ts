/**
 * What the leads core needs from outside, and nothing more: its own store, its slice of the Graph API,
 * the few things it reads about connections, and Page health. The platform's ports (clock, ids, vault,
 * bus, audit, settings) are shared by every module. Each port has an in-memory fake in ../testing.
 */
import type {
  CommandPublisher,
  Page,
  PageRequest,
  PlatformDeps,
  Watermarks,
} from '../../../platform/core/ports';
import type { Metrics } from '../../../platform/core/observability/metrics';
import type { FieldMapping } from '../core/field-mapping';
import type { LeadAttribution, LeadRecord } from '../core/lead';
import type {
  ConnectionView,
  PageTokenReads,
  TokenRefusalReport,
} from '../../connections/contracts/acting-connections';

export interface LeadFilter {
  formId?: string;
  pageId?: string;
  status?: string;
  /** ISO bounds on the lead's createdAt */
  since?: string;
  until?: string;
}

/** A lead Meta announced that we could not fetch yet (token expired): kept so it is fetched later. */
export interface PendingLead {
  tenantId: string;
  connectionId: string;
  leadgenId: string;
  formId: string | null;
  pageId: string;
  reason: string;
  firstSeenAt: string;
}

export interface LeadStore {
  /** Conditional write on the leadgen id per tenant: the first writer creates, every later one finds it. */
  putIfAbsent(
    lead: LeadRecord,
    expiresAt: number,
  ): Promise<{ created: boolean; lead: LeadRecord } | { created: false; erased: true }>;
  /**
   * Replaces the lead with a tombstone that keeps no answer: the lead is gone from every read, and the
   * same leadgen id is never stored again. Undefined when there was no lead.
   */
  erase(tenantId: string, leadId: string, at: string): Promise<LeadRecord | undefined>;
  markEventPublished(tenantId: string, leadId: string): Promise<void>;
  get(tenantId: string, leadId: string): Promise<LeadRecord | undefined>;
  list(tenantId: string, filter: LeadFilter, page: PageRequest): Promise<Page<LeadRecord>>;
  /** Throws not found when the lead does not exist. */
  updateStatus(tenantId: string, leadId: string, status: string, at: string): Promise<LeadRecord>;
  getMapping(tenantId: string, formId: string): Promise<FieldMapping | undefined>;
  putMapping(tenantId: string, formId: string, mapping: FieldMapping, at: string): Promise<void>;
  /** The first reason and time stand: a later save of the same lead changes nothing. */
  savePending(pending: PendingLead): Promise<void>;
  deletePending(tenantId: string, leadgenId: string): Promise<void>;
}

/** A lead as Meta's Graph API returns it: its attribution is what the stored lead keeps. */
export interface MetaLead extends LeadAttribution {
  id: string;
  createdTime: Date;
  formId: string | null;
  fieldData: Array<{ name: string; values: string[] }>;
}

/** A CRM stage change as the Conversions API for CRM takes it. */
export interface ConversionLeadEvent {
  eventName: string;
  eventTime: number;
  eventId: string;
  leadId: string;
  crmName: string;
}

/** The leads module's slice of the Graph API. */
export interface LeadsGraph {
  /** One lead by its leadgen id, with a Page token. */
  getLead(leadgenId: string, token: string): Promise<MetaLead>;
  /** A form's leads created after `since`, every page of them. */
  listFormLeads(formId: string, token: string, since: Date): Promise<MetaLead[]>;
  /** Conversions API for CRM events to a dataset, with the user token. */
  sendConversionEvents(
    datasetId: string,
    token: string,
    events: ConversionLeadEvent[],
  ): Promise<{ eventsReceived: number }>;
}

/** A tenant (and its connection) that selected a Meta asset. */
export interface AssetRoute {
  tenantId: string;
  connectionId: string;
  assetType: string;
  assetId: string;
}

/** A connection as the leads module sees it. */
export interface LeadConnection extends ConnectionView {
  selection: { pages: string[]; leadForms: string[] };
}

/** What the leads module reads about connections (the connections module's data), and the one change it makes. */
export interface LeadConnections extends Pick<PageTokenReads, 'pageToken'>, TokenRefusalReport {
  /** Every tenant (and its connection) that selected this asset: a Page, or a lead form. */
  routesFor(assetId: string): Promise<AssetRoute[]>;
  /** Every selected Page of every tenant (the reconciliation walks them). */
  selectedPages(): Promise<AssetRoute[]>;
  get(tenantId: string, connectionId: string): Promise<LeadConnection | undefined>;
  /** The tenant's connections. */
  list(tenantId: string): Promise<LeadConnection[]>;
  /** The lead forms the connection's assets list, each with its Page; undefined before the first listing. */
  leadForms(
    tenantId: string,
    connectionId: string,
  ): Promise<Array<{ id: string; pageId: string }> | undefined>;
}

export interface PageHealthPatch {
  lastDeliveryAt?: string;
  lastReconciliation?: { at: string; outcome: string; fetched: number; stored: number };
}

/** Per-form watermarks of the reconciliation, and the Page health shown on a connection. */
export interface LeadSyncState extends Watermarks {
  updatePageHealth(
    tenantId: string,
    connectionId: string,
    pageId: string,
    patch: PageHealthPatch,
  ): Promise<void>;
}

/** Everything the lead worker and the reconciliation use; each use case takes the part it needs. */
export interface LeadPipelineDeps extends PlatformDeps {
  connections: LeadConnections;
  leads: LeadStore;
  syncState: LeadSyncState;
  graph: LeadsGraph;
  /** business metrics: leads stored and duplicates */
  metrics: Metrics;
}

/** Everything the leads API uses. */
export interface LeadApiDeps extends Omit<PlatformDeps, 'vault'> {
  commands: CommandPublisher;
  connections: Pick<LeadConnections, 'routesFor' | 'list' | 'leadForms'>;
  leads: LeadStore;
}
