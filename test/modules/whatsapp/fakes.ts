/**
 * In-memory fakes of the WhatsApp module's ports: connections with selected numbers per tenant, a Graph
 * slice that records its calls and can be told to refuse one the way Meta does, and a store.
 */
import type {
  MetaBusinessProfile,
  MetaTemplate,
  NumberRegistration,
  ProfileChange,
  SelectedNumber,
  SelectedWaba,
  StoredProfile,
  StoredTemplate,
  WhatsAppConnections,
  WhatsAppDeps,
  WhatsAppGraph,
  WhatsAppStore,
} from '../../../lambdas/modules/whatsapp/ports';
import type { TemplateSubmission } from '../../../lambdas/modules/whatsapp/contracts/http';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import { MetaGraphError, type MetaErrorBody } from '../../../lambdas/platform/core/graph/graph-error';
import { GraphPausedError } from '../../../lambdas/platform/core/graph/graph-outage';

export class FakeConnections implements WhatsAppConnections {
  readonly numbers: SelectedNumber[] = [];
  /** connection ids whose token is gone (expired, revoked) */
  readonly withoutToken = new Set<string>();

  select(n: SelectedNumber): this {
    this.numbers.push(n);
    return this;
  }

  async findNumber(tenantId: string, phoneNumberId: string) {
    return this.numbers.find((n) => n.tenantId === tenantId && n.phoneNumberId === phoneNumberId);
  }

  async findWaba(tenantId: string, wabaId: string): Promise<SelectedWaba | undefined> {
    const n = this.numbers.find((x) => x.tenantId === tenantId && x.wabaId === wabaId);
    return n ? { tenantId, connectionId: n.connectionId, wabaId } : undefined;
  }

  async selectionsOfWaba(wabaId: string): Promise<SelectedWaba[]> {
    const seen = new Map<string, SelectedWaba>();
    for (const n of this.numbers.filter((x) => x.wabaId === wabaId))
      seen.set(`${n.tenantId}#${n.connectionId}`, {
        tenantId: n.tenantId,
        connectionId: n.connectionId,
        wabaId,
      });
    return [...seen.values()];
  }

  async token(tenantId: string, connectionId: string) {
    return this.withoutToken.has(connectionId) ? undefined : `token(${tenantId}/${connectionId})`;
  }
}

export type GraphCall = { op: keyof WhatsAppGraph; id: string; token: string; args?: unknown };

export class FakeGraph implements WhatsAppGraph {
  readonly calls: GraphCall[] = [];
  readonly templates = new Map<string, MetaTemplate[]>();
  readonly profiles = new Map<string, MetaBusinessProfile>();
  /** the next call of this operation is refused with Meta's error body */
  private readonly refusals = new Map<keyof WhatsAppGraph, MetaGraphError>();
  private n = 0;

  refuseNext(op: keyof WhatsAppGraph, body: MetaErrorBody): void {
    this.refusals.set(op, new MetaGraphError(400, body));
  }

  /** the next call of this operation is held by the app-wide pause: it never reaches Meta */
  pauseNext(op: keyof WhatsAppGraph): void {
    const pause = {
      untilMs: 5_000,
      sinceMs: 0,
      level: 0,
      reason: 'graph_failing',
      cause: 'transient_code_2',
    } as const;
    this.refusals.set(op, new GraphPausedError(pause, 5_000));
  }

  private call(op: keyof WhatsAppGraph, id: string, token: string, args?: unknown) {
    this.calls.push({ op, id, token, ...(args !== undefined ? { args } : {}) });
    const refusal = this.refusals.get(op);
    if (refusal) {
      this.refusals.delete(op);
      throw refusal;
    }
  }

  async registerNumber(id: string, token: string, pin: string) {
    this.call('registerNumber', id, token, { pin });
  }

  async deregisterNumber(id: string, token: string) {
    this.call('deregisterNumber', id, token);
  }

  async listTemplates(wabaId: string, token: string) {
    this.call('listTemplates', wabaId, token);
    return this.templates.get(wabaId) ?? [];
  }

  async createTemplate(wabaId: string, token: string, t: TemplateSubmission) {
    this.call('createTemplate', wabaId, token, t);
    const id = `tpl${++this.n}`;
    const made: MetaTemplate = {
      id,
      name: t.name,
      language: t.language,
      status: 'PENDING',
      category: t.category,
      reason: null,
      components: t.components,
    };
    this.templates.set(wabaId, [...(this.templates.get(wabaId) ?? []), made]);
    return { id, status: 'PENDING', category: t.category };
  }

  async deleteTemplate(wabaId: string, token: string, name: string) {
    this.call('deleteTemplate', wabaId, token, { name });
    this.templates.set(
      wabaId,
      (this.templates.get(wabaId) ?? []).filter((t) => t.name !== name),
    );
  }

  async getProfile(id: string, token: string): Promise<MetaBusinessProfile> {
    this.call('getProfile', id, token);
    return (
      this.profiles.get(id) ?? {
        about: null,
        address: null,
        description: null,
        email: null,
        websites: [],
        vertical: null,
        profilePictureUrl: null,
      }
    );
  }

  async updateProfile(id: string, token: string, change: ProfileChange) {
    this.call('updateProfile', id, token, change);
    const before = await this.getProfile(id, token);
    this.calls.pop();
    this.profiles.set(id, { ...before, ...change });
  }
}

export class FakeStore implements WhatsAppStore {
  readonly templates = new Map<string, StoredTemplate>();
  readonly profiles = new Map<string, StoredProfile>();
  readonly registrations = new Map<string, NumberRegistration>();

  private key = (t: Pick<StoredTemplate, 'tenantId' | 'connectionId' | 'wabaId' | 'name' | 'language'>) =>
    `${t.tenantId}|${t.connectionId}|${t.wabaId}|${t.name}|${t.language}`;

  async putTemplates(templates: StoredTemplate[]) {
    for (const t of templates) this.templates.set(this.key(t), structuredClone(t));
  }

  async listTemplates(tenantId: string, connectionId: string, wabaId: string) {
    return [...this.templates.values()].filter(
      (t) => t.tenantId === tenantId && t.connectionId === connectionId && t.wabaId === wabaId,
    );
  }

  async deleteTemplates(tenantId: string, connectionId: string, wabaId: string, name: string) {
    const doomed = (await this.listTemplates(tenantId, connectionId, wabaId)).filter((t) => t.name === name);
    for (const t of doomed) this.templates.delete(this.key(t));
    return doomed.length;
  }

  async putProfile(p: StoredProfile) {
    this.profiles.set(`${p.tenantId}|${p.phoneNumberId}`, structuredClone(p));
  }

  async putRegistration(r: NumberRegistration) {
    this.registrations.set(`${r.tenantId}|${r.phoneNumberId}`, { ...r });
  }
}

export const TENANT = 'acme';
export const OTHER = 'globex';
export const NUMBER = '106540352242922';
export const WABA = '102290129340398';

export function whatsappFakes(now = new Date('2026-12-05T09:00:00Z')) {
  const connections = new FakeConnections().select({
    tenantId: TENANT,
    connectionId: 'con_1',
    phoneNumberId: NUMBER,
    wabaId: WABA,
  });
  const graph = new FakeGraph();
  const store = new FakeStore();
  const audit: AuditEntry[] = [];
  let n = 0;
  const deps: WhatsAppDeps = {
    connections,
    graph,
    store,
    audit: {
      record: async (e) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    clock: { now: () => now },
    ids: { next: (p = 'id') => `${p}_${++n}` },
  };
  return { deps, connections, graph, store, audit };
}
