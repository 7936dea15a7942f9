/**
 * In-memory fakes of the content module's ports (and the platform ports it takes), for use-case tests:
 * the store keeps items, readings, links and asset states; Meta's posts are scripted per asset through
 * {@link FakeContentGraph}, which answers each list of a batch on its own like Meta does.
 */
import type {
  ContentLink,
  ContentRecord,
  MetricSnapshot,
} from '../../../lambdas/modules/content/core/content-model';
import type {
  CalendarPost,
  ContentAssetState,
  ContentCalendar,
  ContentConnection,
  ContentConnections,
  ContentDeps,
  ContentFilter,
  ContentGraph,
  ContentListRequest,
  ContentListResult,
  ContentRepository,
  GraphContentItem,
} from '../../../lambdas/modules/content/ports';
import type { PageRequest } from '../../../lambdas/platform/core/ports';
import { FakeConnectionsBase } from '../../support/fake-connections';

const key = (t: string, id: string) => `${t}|${id}`;

export class FakeContentStore implements ContentRepository {
  readonly items = new Map<string, ContentRecord>();
  readonly snapshots: MetricSnapshot[] = [];
  readonly links = new Map<string, ContentLink>();
  readonly states = new Map<string, ContentAssetState>();
  readonly unavailable = new Map<string, Set<string>>();

  async putItems(items: ContentRecord[], snapshots: MetricSnapshot[]) {
    for (const i of items) this.items.set(key(i.tenantId, i.id), structuredClone(i));
    for (const s of snapshots) {
      const at = this.snapshots.findIndex(
        (x) => x.tenantId === s.tenantId && x.contentId === s.contentId && x.date === s.date,
      );
      if (at >= 0) this.snapshots[at] = s;
      else this.snapshots.push(s);
    }
  }
  async getItem(t: string, id: string) {
    return structuredClone(this.items.get(key(t, id)));
  }
  async getItems(t: string, ids: string[]) {
    return ids.flatMap((id) => (this.items.has(key(t, id)) ? [this.items.get(key(t, id))!] : []));
  }
  async deleteItem(t: string, id: string) {
    this.items.delete(key(t, id));
    this.links.delete(key(t, id));
  }
  async history(t: string, id: string) {
    return this.snapshots.filter((s) => s.tenantId === t && s.contentId === id);
  }
  private matching(t: string, f: ContentFilter) {
    return [...this.items.values()]
      .filter((i) => i.tenantId === t)
      .filter((i) => !f.assetId || i.assetId === f.assetId)
      .filter((i) => !f.type || i.type === f.type)
      .filter((i) => !f.since || i.publishedAt >= f.since)
      .filter((i) => !f.until || i.publishedAt <= f.until)
      .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  }
  async list(t: string, f: ContentFilter, page: PageRequest) {
    return { items: this.matching(t, f).slice(0, page.limit ?? 100), nextCursor: null };
  }
  async listAll(t: string, f: ContentFilter, cap: number) {
    const all = this.matching(t, f);
    return all.length > cap ? null : all;
  }
  async putLink(link: ContentLink) {
    this.links.set(key(link.tenantId, link.contentId), link);
  }
  async getLinks(t: string, ids: string[]) {
    return new Map(
      ids.flatMap((id) => (this.links.has(key(t, id)) ? [[id, this.links.get(key(t, id))!]] : [])),
    );
  }
  async getAssetState(t: string, c: string, assetId: string) {
    return this.states.get(`${t}|${c}|${assetId}`);
  }
  async saveAssetState(s: ContentAssetState) {
    this.states.set(`${s.tenantId}|${s.connectionId}|${s.assetId}`, s);
  }
  async markUnavailable(t: string, _c: string, assetId: string, metric: string) {
    const set = this.unavailable.get(key(t, assetId)) ?? new Set<string>();
    set.add(metric);
    this.unavailable.set(key(t, assetId), set);
  }
  async listUnavailable(t: string, assetId: string) {
    return [...(this.unavailable.get(key(t, assetId)) ?? [])];
  }
}

/**
 * Meta's side: each asset's posts, the tokens lists were asked with, and what Meta refuses. A list is
 * answered with the asset's posts published inside its window; a refused metric fails every list that
 * asks for it, with Meta's error.
 */
export class FakeContentGraph implements ContentGraph {
  readonly posts = new Map<string, GraphContentItem[]>();
  readonly requests: ContentListRequest[][] = [];
  /** Meta's insights metrics it no longer serves */
  readonly refusedMetrics = new Set<string>();
  /** a whole batch refused (a dead token) */
  failWith: Error | null = null;
  refuseMetric: (metric: string) => Error = () => new Error('refused');

  async readPages(requests: readonly ContentListRequest[]): Promise<ContentListResult[]> {
    this.requests.push([...requests]);
    if (this.failWith) throw this.failWith;
    return requests.map((r) => {
      const refused = r.insights.find((m) => this.refusedMetrics.has(m));
      if (refused) return { ok: false, reason: 'error', error: this.refuseMetric(refused) };
      const items = (this.posts.get(r.assetId) ?? []).filter((p) => {
        const s = p.publishedAt.getTime() / 1000;
        return s >= r.since && s < r.until;
      });
      return { ok: true, items, after: null };
    });
  }
}

export class FakeConnections extends FakeConnectionsBase<ContentConnection> implements ContentConnections {
  readonly instagram = new Map<string, Array<{ id: string; pageId: string }>>();

  add(
    c: ContentConnection,
    selected: { pages?: string[]; instagram?: Array<{ id: string; pageId: string }> },
  ) {
    this.select(c, 'pages', selected.pages ?? []);
    this.select(
      c,
      'instagramAccounts',
      (selected.instagram ?? []).map((x) => x.id),
    );
    this.instagram.set(c.connectionId, selected.instagram ?? []);
  }
  async getAssets(_t: string, c: string) {
    return { instagramAccounts: this.instagram.get(c) ?? [] };
  }
}

export class FakeCalendar implements ContentCalendar {
  readonly posts = new Map<string, CalendarPost>();
  async get(t: string, postId: string) {
    return this.posts.get(key(t, postId));
  }
}

export const PAGE = '108472639501827';
export const IG = '17841400000000001';

export const activeConnection = (over: Partial<ContentConnection> = {}): ContentConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  features: ['insights'],
  userTokenCiphertext: 'ct:user',
  ...over,
});

/** A post as Meta lists it, with its figures. */
export function graphPost(
  metaId: string,
  publishedAt: string,
  over: Partial<GraphContentItem> = {},
): GraphContentItem {
  return {
    metaId,
    publishedAt: new Date(publishedAt),
    statusType: 'added_photos',
    productType: null,
    mediaType: null,
    permalink: `https://www.facebook.com/${metaId}`,
    text: `post ${metaId}`,
    mediaUrl: null,
    edges: { reactions: 12, comments: 3, shares: 1 },
    insights: { post_media_view: 340, post_total_media_view_unique: 200, post_clicks: 7 },
    ...over,
  };
}

export function contentFakes(now = new Date('2026-11-20T10:00:00Z')) {
  const content = new FakeContentStore();
  const graph = new FakeContentGraph();
  const connections = new FakeConnections();
  const calendar = new FakeCalendar();
  const settings = new Map<string, unknown>();
  const deps: ContentDeps = {
    clock: { now: () => now },
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: { encrypt: async (p) => `ct:${p}`, decrypt: async (c) => `token(${c})` },
    settings: {
      get: async <T>(t: string, k: string) => settings.get(`${t}|${k}`) as T | undefined,
      put: async (t, k, v) => void settings.set(`${t}|${k}`, v),
    },
    connections,
    content,
    contentGraph: graph,
    posts: calendar,
  };
  return { deps, content, graph, connections, calendar, settings, now };
}
