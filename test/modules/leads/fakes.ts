/**
 * In-memory fakes of the leads module's ports (and the platform ports it takes), for use-case tests: each
 * keeps what it was given, and a test scripts Meta's answers through {@link FakeLeadsGraph}.
 */
import type { LeadRecord } from '../../../lambdas/modules/leads/core/lead';
import type { FieldMapping } from '../../../lambdas/modules/leads/core/field-mapping';
import type {
  ConversionLeadEvent,
  LeadConnection,
  LeadConnections,
  LeadPipelineDeps,
  LeadStore,
  LeadSyncState,
  LeadsGraph,
  MetaLead,
  PageHealthPatch,
  PendingLead,
} from '../../../lambdas/modules/leads/ports';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import type { Page } from '../../../lambdas/platform/core/ports';
import { FakeConnectionsBase } from '../../support/fake-connections';
import { RecordingMetrics } from '../../support/recording-metrics';

export class FakeLeadStore implements LeadStore {
  readonly leads = new Map<string, LeadRecord>();
  readonly pending = new Map<string, PendingLead>();
  readonly mappings = new Map<string, FieldMapping>();
  private key = (t: string, id: string) => `${t}|${id}`;

  readonly erased = new Set<string>();

  async putIfAbsent(
    lead: LeadRecord,
  ): Promise<{ created: boolean; lead: LeadRecord } | { created: false; erased: true }> {
    if (this.erased.has(this.key(lead.tenantId, lead.id))) return { created: false, erased: true };
    const existing = this.leads.get(this.key(lead.tenantId, lead.id));
    if (existing) return { created: false, lead: existing };
    this.leads.set(this.key(lead.tenantId, lead.id), lead);
    return { created: true, lead };
  }
  async erase(t: string, id: string) {
    const lead = this.leads.get(this.key(t, id));
    if (!lead) return undefined;
    this.leads.delete(this.key(t, id));
    this.erased.add(this.key(t, id));
    return lead;
  }
  async markEventPublished(t: string, id: string) {
    const l = this.leads.get(this.key(t, id));
    if (l) this.leads.set(this.key(t, id), { ...l, eventPublished: true });
  }
  async get(t: string, id: string) {
    return this.leads.get(this.key(t, id));
  }
  async list(): Promise<Page<LeadRecord>> {
    return { items: [...this.leads.values()], nextCursor: null };
  }
  async updateStatus(t: string, id: string, status: string, at: string) {
    const l = { ...this.leads.get(this.key(t, id))!, status, statusChangedAt: at };
    this.leads.set(this.key(t, id), l);
    return l;
  }
  async getMapping(t: string, formId: string) {
    return this.mappings.get(this.key(t, formId));
  }
  async putMapping(t: string, formId: string, m: FieldMapping) {
    this.mappings.set(this.key(t, formId), m);
  }
  async savePending(p: PendingLead) {
    if (!this.pending.has(this.key(p.tenantId, p.leadgenId)))
      this.pending.set(this.key(p.tenantId, p.leadgenId), p);
  }
  async deletePending(t: string, leadgenId: string) {
    this.pending.delete(this.key(t, leadgenId));
  }
}

export class FakeConnections extends FakeConnectionsBase<LeadConnection> implements LeadConnections {
  readonly forms = new Map<string, Array<{ id: string; pageId: string }>>();

  add(c: LeadConnection, pages: string[], forms: Array<{ id: string; pageId: string }> = []) {
    this.store(c);
    for (const p of pages) {
      this.route(c, 'pages', p);
      this.pageTokens.set(`${c.connectionId}|${p}`, `ct:${c.connectionId}:${p}`);
    }
    this.forms.set(c.connectionId, forms);
  }
  async selectedPages() {
    return this.listSelected('pages');
  }
  async leadForms(_t: string, c: string) {
    return this.forms.get(c);
  }
}

export class FakeSyncState implements LeadSyncState {
  readonly watermarks = new Map<string, string>();
  readonly health: Array<{ pageId: string; patch: PageHealthPatch }> = [];
  async getWatermark(_t: string, c: string, key: string) {
    return this.watermarks.get(`${c}|${key}`);
  }
  async saveWatermark(_t: string, c: string, key: string, value: string) {
    this.watermarks.set(`${c}|${key}`, value);
  }
  async updatePageHealth(_t: string, _c: string, pageId: string, patch: PageHealthPatch) {
    this.health.push({ pageId, patch });
  }
}

/** Meta's side: leads by id and by form, tokens it takes, and what it answers instead when told to fail. */
export class FakeLeadsGraph implements LeadsGraph {
  readonly leads = new Map<string, MetaLead>();
  readonly sent: Array<{ datasetId: string; token: string; events: ConversionLeadEvent[] }> = [];
  failWith: Error | null = null;

  async getLead(id: string) {
    if (this.failWith) throw this.failWith;
    const l = this.leads.get(id);
    if (!l) throw new Error(`no lead ${id}`);
    return l;
  }
  async listFormLeads(formId: string, _token: string, since: Date) {
    if (this.failWith) throw this.failWith;
    return [...this.leads.values()].filter((l) => l.formId === formId && l.createdTime > since);
  }
  async sendConversionEvents(datasetId: string, token: string, events: ConversionLeadEvent[]) {
    if (this.failWith) throw this.failWith;
    this.sent.push({ datasetId, token, events });
    return { eventsReceived: events.length };
  }
}

export function metaLead(id: string, over: Partial<MetaLead> = {}): MetaLead {
  return {
    id,
    createdTime: new Date('2026-11-20T09:00:00Z'),
    formId: 'form1',
    adId: null,
    adName: null,
    adsetId: null,
    adsetName: null,
    campaignId: null,
    campaignName: null,
    isOrganic: true,
    platform: 'fb',
    fieldData: [
      { name: 'email', values: ['ana@example.test'] },
      { name: 'full_name', values: ['Ana'] },
    ],
    ...over,
  };
}

export const activeConnection = (over: Partial<LeadConnection> = {}): LeadConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  userTokenCiphertext: 'ct:user',
  selection: { pages: ['page1'], leadForms: [] },
  ...over,
});

export function leadFakes(now = new Date('2026-11-20T10:00:00Z')) {
  const leads = new FakeLeadStore();
  const connections = new FakeConnections();
  const syncState = new FakeSyncState();
  const graph = new FakeLeadsGraph();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const settings = new Map<string, unknown>();
  const metrics = new RecordingMetrics();
  let n = 0;
  const deps: LeadPipelineDeps = {
    clock: { now: () => now },
    ids: { next: (p = 'id') => `${p}_${++n}` },
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: { encrypt: async (p) => `ct:${p}`, decrypt: async (c) => `token(${c})` },
    events: { publish: async (e) => void events.push(...e) },
    audit: {
      record: async (e) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    settings: {
      get: async <T>(t: string, k: string) => settings.get(`${t}|${k}`) as T | undefined,
      put: async (t, k, v) => void settings.set(`${t}|${k}`, v),
    },
    connections,
    leads,
    syncState,
    graph,
    metrics,
  };
  return { deps, leads, connections, syncState, graph, events, audit, settings, metrics };
}
