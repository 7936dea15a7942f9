/**
 * In-memory fakes of the ads module's ports (and the platform ports it takes), for use-case tests: each
 * keeps what it was given, and a test scripts the Marketing API's answers through {@link FakeAdsGraph}.
 */
import type { CampaignRecord } from '../../../lambdas/modules/ads/core/campaign';
import type {
  AdObjectKind,
  AdsAssets,
  AdsConnection,
  AdsConnections,
  AdsDeps,
  AdsGraph,
  CampaignStore,
  UsageObserver,
} from '../../../lambdas/modules/ads/ports';
import type {
  AdAccountPaceStore,
  AdsBucket,
  PaceState,
} from '../../../lambdas/platform/core/graph/ad-account-pace';
import type { UsageReport } from '../../../lambdas/platform/core/graph/usage-headers';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import type { Page } from '../../../lambdas/platform/core/ports';
import { RecordingMetrics } from '../../support/recording-metrics';

export class FakeCampaignStore implements CampaignStore {
  readonly campaigns = new Map<string, CampaignRecord>();
  private key = (t: string, id: string) => `${t}|${id}`;

  async put(c: CampaignRecord) {
    this.campaigns.set(this.key(c.tenantId, c.id), structuredClone(c));
  }
  async putIf(c: CampaignRecord, expectedRev: number | undefined) {
    const stored = this.campaigns.get(this.key(c.tenantId, c.id));
    if (stored && stored.rev !== expectedRev) return false;
    this.campaigns.set(this.key(c.tenantId, c.id), { ...structuredClone(c), rev: (expectedRev ?? 0) + 1 });
    return true;
  }
  async saveSync(t: string, id: string, sync: NonNullable<CampaignRecord['sync']>) {
    const c = this.campaigns.get(this.key(t, id));
    if (c) c.sync = { ...sync };
  }
  async get(t: string, id: string) {
    const c = this.campaigns.get(this.key(t, id));
    return c ? structuredClone(c) : undefined;
  }
  async list(t: string): Promise<Page<CampaignRecord>> {
    return { items: [...this.campaigns.values()].filter((c) => c.tenantId === t), nextCursor: null };
  }
}

export class FakeAdsConnections implements AdsConnections {
  readonly connections = new Map<string, AdsConnection>();
  readonly catalog = new Map<string, AdsAssets>();
  readonly markedInvalid: Array<{ connectionId: string; reason: string; actor: string }> = [];

  add(c: AdsConnection, assets?: AdsAssets) {
    this.connections.set(`${c.tenantId}|${c.connectionId}`, c);
    if (assets) this.catalog.set(`${c.tenantId}|${c.connectionId}`, assets);
  }
  async get(t: string, c: string) {
    return this.connections.get(`${t}|${c}`);
  }
  async list(t: string) {
    return [...this.connections.values()].filter((c) => c.tenantId === t);
  }
  async all() {
    return [...this.connections.values()];
  }
  async assets(t: string, c: string) {
    return this.catalog.get(`${t}|${c}`);
  }
  async markTokenInvalid(t: string, c: string, reason: string, actor: string) {
    this.markedInvalid.push({ connectionId: c, reason, actor });
    const conn = this.connections.get(`${t}|${c}`);
    if (conn) {
      const { userTokenCiphertext: _dead, ...rest } = conn;
      this.connections.set(`${t}|${c}`, { ...rest, status: 'expired' });
    }
  }
}

export class FakePaces implements AdAccountPaceStore {
  readonly states = new Map<string, PaceState>();
  async get(_t: string, adAccountId: string, bucket: AdsBucket) {
    return this.states.get(`${adAccountId}|${bucket}`);
  }
  async put(_t: string, _c: string, adAccountId: string, bucket: AdsBucket, state: PaceState) {
    this.states.set(`${adAccountId}|${bucket}`, state);
  }
}

type Call = { method: keyof AdsGraph; args: unknown[] };

/**
 * The Marketing API: the objects it holds (by name, so a read-back finds them), the status and spend it
 * reports, the usage it reports with every answer, and the error a test tells one method to throw.
 */
export class FakeAdsGraph implements AdsGraph {
  readonly calls: Call[] = [];
  readonly objects: Array<{ kind: AdObjectKind; id: string; parentId: string; name: string }> = [];
  readonly statuses = new Map<string, 'ACTIVE' | 'PAUSED'>();
  effectiveStatus = new Map<string, string>();
  spend = 0;
  minimums: Awaited<ReturnType<AdsGraph['adAccountMinimums']>> = null;
  dsa = { beneficiary: null as string | null, payor: null as string | null, recommendations: [] as string[] };
  /** what every answer's usage headers say */
  usage: UsageReport | null = null;
  readonly failures = new Map<keyof AdsGraph, Error>();
  /** the create lands at Meta but its answer is lost (once) */
  loseAnswerOf: keyof AdsGraph | null = null;
  private n = 0;

  private enter(method: keyof AdsGraph, args: unknown[], observe?: UsageObserver) {
    this.calls.push({ method, args });
    if (this.usage && observe) observe(this.usage);
    const f = this.failures.get(method);
    if (f) {
      this.failures.delete(method);
      throw f;
    }
  }
  private make(method: keyof AdsGraph, kind: AdObjectKind, parentId: string, name: string) {
    const id = `${kind}_${++this.n}`;
    this.objects.push({ kind, id, parentId, name });
    if (this.loseAnswerOf === method) {
      this.loseAnswerOf = null;
      throw new Error('socket hang up');
    }
    return id;
  }
  creates() {
    return this.calls.filter((c) => c.method.startsWith('create')).map((c) => c.method);
  }

  async createCampaign(adAccountId: string, token: string, c: { name: string }, observe?: UsageObserver) {
    this.enter('createCampaign', [adAccountId, token, c], observe);
    return this.make('createCampaign', 'campaign', adAccountId, c.name);
  }
  async createAdSet(
    adAccountId: string,
    token: string,
    a: { name: string; campaignId: string },
    observe?: UsageObserver,
  ) {
    this.enter('createAdSet', [adAccountId, token, a], observe);
    return this.make('createAdSet', 'adset', a.campaignId, a.name);
  }
  async createCreative(adAccountId: string, token: string, c: { name: string }, observe?: UsageObserver) {
    this.enter('createCreative', [adAccountId, token, c], observe);
    return this.make('createCreative', 'creative', adAccountId, c.name);
  }
  async createAd(
    adAccountId: string,
    token: string,
    a: { name: string; adsetId: string },
    observe?: UsageObserver,
  ) {
    this.enter('createAd', [adAccountId, token, a], observe);
    return this.make('createAd', 'ad', a.adsetId, a.name);
  }
  async setAdObjectStatus(
    objectId: string,
    token: string,
    status: 'ACTIVE' | 'PAUSED',
    observe?: UsageObserver,
  ) {
    this.enter('setAdObjectStatus', [objectId, token, status], observe);
    this.statuses.set(objectId, status);
  }
  async findAdObjectByName(
    kind: AdObjectKind,
    parentId: string,
    tag: string,
    token: string,
    observe?: UsageObserver,
  ) {
    this.enter('findAdObjectByName', [kind, parentId, tag, token], observe);
    return (
      this.objects.find((o) => o.kind === kind && o.parentId === parentId && o.name.includes(tag))?.id ?? null
    );
  }
  async campaignStatus(campaignId: string, token: string, observe?: UsageObserver) {
    this.enter('campaignStatus', [campaignId, token], observe);
    return { effectiveStatus: this.effectiveStatus.get(campaignId) ?? 'PAUSED', issues: [] };
  }
  async campaignLifetimeSpend(campaignId: string, token: string, observe?: UsageObserver) {
    this.enter('campaignLifetimeSpend', [campaignId, token], observe);
    return this.spend;
  }
  async adAccountDsa(adAccountId: string, token: string) {
    this.enter('adAccountDsa', [adAccountId, token]);
    return { ...this.dsa };
  }
  async adAccountMinimums(adAccountId: string, token: string) {
    this.enter('adAccountMinimums', [adAccountId, token]);
    return this.minimums;
  }
}

export const AD_ACCOUNT = 'act_1234567890';
export const PAGE = '104729384756123';
export const FORM = '771234567890123';

export const activeConnection = (over: Partial<AdsConnection> = {}): AdsConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  userTokenCiphertext: 'ct:user',
  selection: { adAccounts: [AD_ACCOUNT], pages: [PAGE] },
  ...over,
});

export function adsFakes(opts: { now?: Date; delayedJobs?: boolean } = {}) {
  let now = opts.now ?? new Date('2026-11-20T10:00:00Z');
  const campaigns = new FakeCampaignStore();
  const connections = new FakeAdsConnections();
  const graph = new FakeAdsGraph();
  const paces = new FakePaces();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const delayed: Array<{ detailType: string; detail: Record<string, unknown>; delaySeconds: number }> = [];
  const settings = new Map<string, unknown>();
  const metrics = new RecordingMetrics();
  const sleeps: number[] = [];
  let n = 0;
  const deps: AdsDeps = {
    clock: { now: () => now },
    ids: { next: (p = 'id') => `${p}_${String(++n).padStart(26, '0')}` },
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
    commands: { send: async (detailType, detail) => void commands.push({ detailType, detail }) },
    campaigns,
    connections,
    graph,
    paces,
    sleep: async (ms) => {
      sleeps.push(ms);
      now = new Date(now.getTime() + ms);
    },
    ...(opts.delayedJobs
      ? {
          delayedJobs: {
            sendAt: async (detailType: string, detail: Record<string, unknown>, delaySeconds: number) =>
              void delayed.push({ detailType, detail, delaySeconds }),
          },
        }
      : {}),
    metrics,
  };
  return {
    deps,
    campaigns,
    connections,
    graph,
    paces,
    events,
    audit,
    commands,
    delayed,
    settings,
    metrics,
    sleeps,
    setNow: (d: Date) => void (now = d),
  };
}
