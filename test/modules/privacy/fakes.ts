/**
 * In-memory fakes of the privacy module's ports (and the platform ports it takes), for use-case tests.
 * The connections it revokes are the connections module's fake store (its contracts' port).
 */
import type {
  CallbackDeps,
  DeletionRequest,
  DeletionRequestClaim,
  DeletionRequestRepository,
  ExportDeps,
  ExportRecord,
  ExportRepository,
  ExportStore,
  ItemKey,
  PurgeDeps,
  PurgeStore,
} from '../../../lambdas/modules/privacy/ports';
import type { PostRecord } from '../../../lambdas/modules/publishing/contracts/post-records';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import type { MetaAppSecrets, Page } from '../../../lambdas/platform/core/ports';
import { RecordingMetrics } from '../../support/recording-metrics';
import { APP, FakeConnectionStore, NOW } from '../connections/fakes';

export { connection } from '../connections/fakes';

export class FakeDeletionRequests implements DeletionRequestRepository {
  readonly requests = new Map<string, DeletionRequest>();
  readonly claims = new Map<string, { code: string; leaseUntil: Date; done: boolean }>();

  async create(r: DeletionRequest, _expiresAt?: Date) {
    this.requests.set(r.code, structuredClone(r));
  }
  async claimRequest(
    digest: string,
    claim: { code: string; now: Date; leaseUntil: Date },
  ): Promise<DeletionRequestClaim> {
    const held = this.claims.get(digest);
    if (!held) {
      this.claims.set(digest, { code: claim.code, leaseUntil: claim.leaseUntil, done: false });
      return { code: claim.code, proceed: true, reason: 'first_delivery' };
    }
    if (held.done) return { code: held.code, proceed: false, reason: 'replay_answered' };
    if (held.leaseUntil < claim.now) {
      held.leaseUntil = claim.leaseUntil;
      return { code: held.code, proceed: true, reason: 'resumed_after_lapse' };
    }
    return { code: held.code, proceed: false, reason: 'replay_while_in_progress' };
  }
  async finishRequest(digest: string) {
    this.claims.get(digest)!.done = true;
  }
  async get(code: string) {
    return this.requests.get(code);
  }
  async markPurged(
    code: string,
    tenantId: string,
    connectionId: string,
    at: string,
    outcome?: { keptLeads: boolean },
  ) {
    const r = this.requests.get(code);
    if (!r) return undefined;
    for (const c of r.connections)
      if (c.tenantId === tenantId && c.connectionId === connectionId)
        Object.assign(c, { purgedAt: at, keptLeads: outcome?.keptLeads });
    if (r.connections.every((c) => c.purgedAt)) Object.assign(r, { status: 'completed', completedAt: at });
    return r;
  }
}

/** The table as the purge sees it: items of a tenant that carry a connection (and maybe an asset) id. */
export class FakePurgeStore implements PurgeStore {
  readonly items: Array<
    ItemKey & { tenantId: string; connectionId: string; entity: string; assetId?: string }
  > = [];
  readonly deletedConnections: string[] = [];

  add(tenantId: string, connectionId: string, entity: string, n: number, assetId?: string) {
    for (let i = 0; i < n; i++)
      this.items.push({
        pk: `T#${tenantId}`,
        sk: `${entity}#${connectionId}#${assetId ?? ''}#${this.items.length}`,
        tenantId,
        connectionId,
        entity,
        assetId,
      });
  }
  private page(
    match: (i: FakePurgeStore['items'][number]) => boolean,
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ) {
    const all = this.items.filter((i) => match(i) && !(opts.keepLeads && i.entity === 'lead'));
    const from = Number(opts.cursor ?? 0);
    const keys = all.slice(from, from + opts.limit).map(({ pk, sk }) => ({ pk, sk }));
    return { keys, cursor: from + opts.limit < all.length ? String(from + opts.limit) : undefined };
  }
  async connectionItemKeys(
    t: string,
    id: string,
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ) {
    return this.page((i) => i.tenantId === t && i.connectionId === id, opts);
  }
  async routeKeys(t: string, id: string, assetIds: string[]) {
    return assetIds.map((a) => ({ pk: `ROUTE#${a}`, sk: `${t}#${id}` }));
  }
  async deleteKeys(keys: ItemKey[]) {
    for (const k of keys) {
      const at = this.items.findIndex((i) => i.pk === k.pk && i.sk === k.sk);
      if (at >= 0) this.items.splice(at, 1);
    }
  }
  async deleteConnection(t: string, id: string) {
    this.deletedConnections.push(`${t}|${id}`);
  }
  async assetItemKeys(
    t: string,
    id: string,
    assetIds: string[],
    opts: { keepLeads: boolean; limit: number; cursor?: string },
  ) {
    return this.page(
      (i) => i.tenantId === t && i.connectionId === id && assetIds.includes(i.assetId ?? ''),
      opts,
    );
  }
}

export class FakeExports implements ExportRepository {
  readonly records = new Map<string, ExportRecord>();
  tenantData: Record<string, unknown>[] = [];
  async save(r: ExportRecord) {
    this.records.set(`${r.tenantId}|${r.id}`, structuredClone(r));
  }
  async get(t: string, id: string) {
    return this.records.get(`${t}|${id}`);
  }
  async listAll(t: string) {
    return [...this.records.values()].filter((r) => r.tenantId === t);
  }
  async remove(t: string, id: string) {
    this.records.delete(`${t}|${id}`);
  }
  /** two items a page, so a test sees every page read */
  async tenantItems(_t: string, cursor?: string) {
    const from = Number(cursor ?? 0);
    const next = from + 2;
    return {
      items: this.tenantData.slice(from, next),
      cursor: next < this.tenantData.length ? String(next) : undefined,
    };
  }
}

export class FakeExportStore implements ExportStore {
  readonly files = new Map<string, string[]>();
  async write(t: string, id: string, lines: string[]) {
    const location = `mem://${t}/${id}.jsonl`;
    this.files.set(location, lines);
    return { location, bytes: lines.join('\n').length };
  }
  async downloadUrl(location: string) {
    return `https://download.example/${encodeURIComponent(location)}?signed`;
  }
  async remove(location: string) {
    this.files.delete(location);
  }
}

export class FakePosts {
  readonly posts = new Map<string, PostRecord>();
  async list(t: string): Promise<Page<PostRecord>> {
    return { items: [...this.posts.values()].filter((p) => p.tenantId === t), nextCursor: null };
  }
  async delete(_t: string, id: string) {
    this.posts.delete(id);
  }
  async put(p: PostRecord) {
    this.posts.set(p.id, p);
  }
}

/** Every port of the module faked, over one set of records. */
export function privacyFakes(now = NOW) {
  const connections = new FakeConnectionStore();
  const deletions = new FakeDeletionRequests();
  const purge = new FakePurgeStore();
  const exports = new FakeExports();
  const store = new FakeExportStore();
  const posts = new FakePosts();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const settings = new Map<string, unknown>();
  const forgotten: string[] = [];
  const metrics = new RecordingMetrics();
  const clock = { at: now, now: () => clock.at };
  let n = 0;
  let app: MetaAppSecrets = APP;
  const platform = {
    clock,
    ids: { next: (p = 'id') => `${p}_${++n}` },
    events: { publish: async (e: DomainEvent[]) => void events.push(...e) },
    audit: {
      record: async (e: AuditEntry) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    commands: {
      send: async (detailType: string, detail: Record<string, unknown>) =>
        void commands.push({ detailType, detail }),
    },
  };
  const callbacks: CallbackDeps = {
    ...platform,
    secrets: { metaApp: async () => app },
    connections,
    deletions,
    statusBaseUrl: 'https://api.example/api/v1/meta/data-deletion/',
  };
  const purgeDeps: PurgeDeps = {
    ...platform,
    settings: { get: async <T>(t: string, k: string) => settings.get(`${t}|${k}`) as T | undefined },
    connections,
    deletions,
    purge,
    posts,
    exports,
    exportStore: store,
    idempotency: { forgetTenant: async (t: string) => (forgotten.push(t), 3) },
    metrics,
  };
  const exportDeps: ExportDeps = {
    ...platform,
    exports,
    store,
    // the fake cipher opens what was "sealed" as `sealed:<text>`, and nothing else
    cipher: {
      decrypt: async (_t: string, sealed: string) => {
        if (!sealed.startsWith('sealed:')) throw new Error('key unavailable');
        return sealed.slice('sealed:'.length);
      },
    },
  };
  return {
    callbacks,
    purgeDeps,
    exportDeps,
    connections,
    deletions,
    purge,
    exports,
    store,
    posts,
    events,
    audit,
    commands,
    settings,
    forgotten,
    metrics,
    clock,
    setApp: (a: MetaAppSecrets) => void (app = a),
  };
}
