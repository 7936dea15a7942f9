/**
 * In-memory fakes of the insights module's ports (and the platform ports it takes), for use-case tests:
 * each keeps what it was given, and a test scripts Meta's answers through {@link FakeInsightsGraph}.
 */
import type { BackfillRecord } from '../../../lambdas/modules/insights/core/backfill-insights';
import type {
  CampaignDay,
  InsightPoint,
  InsightsBackfillStore,
  InsightsConnection,
  InsightsConnections,
  InsightsDeps,
  InsightsGraph,
  InsightsStore,
  ManagedCampaigns,
} from '../../../lambdas/modules/insights/ports';
import type { AdsBucket, PaceState } from '../../../lambdas/platform/core/graph/ad-account-pace';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import { MetaGraphError } from '../../../lambdas/platform/core/graph/graph-error';
import { FakeConnectionsBase } from '../../support/fake-connections';
import { RecordingMetrics } from '../../support/recording-metrics';

export class FakeInsightsStore implements InsightsStore {
  readonly points = new Map<string, InsightPoint & { connectionId: string }>();
  readonly unavailable = new Map<string, string>();
  async putPoints(_t: string, connectionId: string, points: InsightPoint[]) {
    for (const p of points) this.points.set(`${p.assetId}|${p.metric}|${p.date}`, { ...p, connectionId });
  }
  async markUnavailable(_t: string, _c: string, assetId: string, metric: string, reason: string) {
    this.unavailable.set(`${assetId}|${metric}`, reason);
  }
  async unavailableReason(_t: string, assetId: string, metric: string) {
    return this.unavailable.get(`${assetId}|${metric}`);
  }
  async listUnavailable(_t: string, assetId: string) {
    return [...this.unavailable.keys()]
      .filter((k) => k.startsWith(`${assetId}|`))
      .map((k) => k.split('|')[1]!);
  }
  async query(_t: string, assetId: string, metric: string, since: string, until: string) {
    return [...this.points.values()]
      .filter((p) => p.assetId === assetId && p.metric === metric && p.date >= since && p.date <= until)
      .sort((a, b) => a.date.localeCompare(b.date));
  }
  value(assetId: string, metric: string, date: string) {
    return this.points.get(`${assetId}|${metric}|${date}`)?.value;
  }
}

export class FakeBackfills implements InsightsBackfillStore {
  readonly items = new Map<string, BackfillRecord>();
  async save(r: BackfillRecord) {
    this.items.set(r.id, structuredClone(r));
  }
  async get(_t: string, id: string) {
    const r = this.items.get(id);
    return r ? structuredClone(r) : undefined;
  }
  async claim(_t: string, id: string, startedAt: string, staleBefore: string) {
    const r = this.items.get(id);
    if (!r) return false;
    if (r.status === 'queued' || (r.status === 'running' && (r.startedAt ?? '') < staleBefore)) {
      this.items.set(id, { ...r, status: 'running', startedAt });
      return true;
    }
    return false;
  }
}

export class FakeInsightsConnections
  extends FakeConnectionsBase<InsightsConnection>
  implements InsightsConnections
{
  add(
    c: InsightsConnection,
    assets: { pages?: string[]; instagram?: Record<string, string>; adAccounts?: string[] },
  ) {
    this.store(c);
    for (const p of assets.pages ?? []) {
      this.route(c, 'pages', p);
      this.pageTokens.set(`${c.connectionId}|${p}`, `ct:${p}`);
    }
    for (const [ig, page] of Object.entries(assets.instagram ?? {})) {
      this.route(c, 'instagramAccounts', ig);
      this.linkInstagram(c, ig, page, `ct:${page}`);
    }
    for (const a of assets.adAccounts ?? []) this.route(c, 'adAccounts', a);
  }
  async selected(assetType: string) {
    return this.listSelected(assetType);
  }
}

type Call = { method: keyof InsightsGraph; args: unknown[] };

/** Meta's insights: series, totals and campaign days it serves, metrics it refuses, report runs. */
export class FakeInsightsGraph implements InsightsGraph {
  readonly calls: Call[] = [];
  /** metrics Meta refuses with its invalid-metric error */
  readonly refused = new Set<string>();
  /** the error one method throws next */
  readonly failures = new Map<keyof InsightsGraph, Error>();
  campaignDays: CampaignDay[] = [];
  /** how many polls a report run stays unfinished */
  reportPolls = 0;
  private polls = 0;

  private enter(method: keyof InsightsGraph, args: unknown[]) {
    this.calls.push({ method, args });
    const f = this.failures.get(method);
    if (f) {
      this.failures.delete(method);
      throw f;
    }
  }
  private refuse(metrics: string[]) {
    const bad = metrics.find((m) => this.refused.has(m));
    if (bad) throw invalidMetric(bad);
  }
  async insightsSeries(objectId: string, token: string, metrics: string[], since: number, until: number) {
    this.enter('insightsSeries', [objectId, token, metrics, since, until]);
    this.refuse(metrics);
    const out: Record<string, Array<{ date: string; value: number }>> = {};
    for (const m of metrics) {
      out[m] = [];
      for (let t = since; t < until; t += 86_400)
        out[m].push({ date: new Date(t * 1000).toISOString().slice(0, 10), value: 7 });
    }
    return out;
  }
  async insightsTotals(objectId: string, token: string, metrics: string[], since: number, until: number) {
    this.enter('insightsTotals', [objectId, token, metrics, since, until]);
    this.refuse(metrics);
    return Object.fromEntries(metrics.map((m) => [m, 3]));
  }
  async accountCampaignDays(adAccountId: string, token: string, since: string, until: string) {
    this.enter('accountCampaignDays', [adAccountId, token, since, until]);
    return this.campaignDays;
  }
  async startAccountInsightsReport(adAccountId: string, token: string, since: string, until: string) {
    this.enter('startAccountInsightsReport', [adAccountId, token, since, until]);
    this.polls = 0;
    return 'report_1';
  }
  async insightsReportStatus(reportId: string, token: string) {
    this.enter('insightsReportStatus', [reportId, token]);
    const done = this.polls++ >= this.reportPolls;
    return { done, failed: false, percent: done ? 100 : 50 };
  }
  async insightsReportDays(reportId: string, token: string) {
    this.enter('insightsReportDays', [reportId, token]);
    return this.campaignDays;
  }
}

/** Meta's answer to a metric it no longer serves (code 100, "(#100) The value must be a valid insights metric") */
export const invalidMetric = (metric: string) =>
  new MetaGraphError(400, { message: `(#100) ${metric} must be a valid insights metric`, code: 100 });

export class FakeCampaigns implements ManagedCampaigns {
  readonly made: Array<{ campaignId: string; metaCampaignId: string }> = [];
  async createdAtMeta() {
    return this.made;
  }
}

export const PAGE = '104729384756123';
export const IG = '17841400000000001';
export const AD_ACCOUNT = 'act_1234567890';

export const activeConnection = (over: Partial<InsightsConnection> = {}): InsightsConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  userTokenCiphertext: 'ct:user',
  ...over,
});

export function insightsFakes(now = new Date('2026-11-20T10:00:00Z')) {
  const insights = new FakeInsightsStore();
  const backfills = new FakeBackfills();
  const connections = new FakeInsightsConnections();
  const graph = new FakeInsightsGraph();
  const campaigns = new FakeCampaigns();
  const paces = new Map<string, PaceState>();
  const audit: AuditEntry[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const metrics = new RecordingMetrics();
  const sleeps: number[] = [];
  let n = 0;
  const deps: InsightsDeps = {
    clock: { now: () => now },
    ids: { next: (p = 'id') => `${p}_${++n}` },
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: { encrypt: async (p) => `ct:${p}`, decrypt: async (c) => `token(${c})` },
    audit: {
      record: async (e) => void audit.push(e),
      list: async () => ({ items: audit, nextCursor: null }),
    },
    commands: { send: async (detailType, detail) => void commands.push({ detailType, detail }) },
    insights,
    backfills,
    connections,
    campaigns,
    graph,
    paces: {
      get: async (_t: string, a: string, b: AdsBucket) => paces.get(`${a}|${b}`),
      put: async (_t: string, _c: string, a: string, b: AdsBucket, s: PaceState) =>
        void paces.set(`${a}|${b}`, s),
    },
    sleep: async (ms) => void sleeps.push(ms),
    metrics,
  };
  return {
    deps,
    insights,
    backfills,
    connections,
    graph,
    campaigns,
    paces,
    audit,
    commands,
    metrics,
    sleeps,
  };
}
