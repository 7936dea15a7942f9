/**
 * In-memory fakes of the publishing module's ports (and the platform ports it takes), for use-case tests:
 * each keeps what it was given, and a test scripts Meta's answers through {@link FakePublishingGraph}.
 */
import type { PostRecord, PostStatus, TargetState } from '../../../lambdas/modules/publishing/core/post';
import type {
  CalendarDeps,
  ContainerStatus,
  DelayedJobSender,
  IgContainerSpec,
  PostStore,
  PublishDeps,
  PublishingConnection,
  PublishingConnections,
  PublishingGraph,
} from '../../../lambdas/modules/publishing/ports';
import type { AuditEntry } from '../../../lambdas/platform/core/audit-entry';
import type { DomainEvent } from '../../../lambdas/platform/contracts/event-contract';
import type { Page } from '../../../lambdas/platform/core/ports';
import { FakeConnectionsBase } from '../../support/fake-connections';
import { RecordingMetrics } from '../../support/recording-metrics';

export class FakePostStore implements PostStore {
  readonly posts = new Map<string, PostRecord>();
  /** `tenant|post` of the posts on the due list, with their due time */
  readonly due = new Map<string, string>();
  constructor(private readonly now: () => Date = () => new Date()) {}
  private key = (t: string, id: string) => `${t}|${id}`;

  async put(post: PostRecord) {
    this.posts.set(this.key(post.tenantId, post.id), structuredClone(post));
    if (post.status === 'approved' || post.status === 'scheduled')
      this.due.set(this.key(post.tenantId, post.id), post.scheduledAt ?? post.updatedAt);
    else this.due.delete(this.key(post.tenantId, post.id));
  }
  async get(t: string, id: string) {
    const p = this.posts.get(this.key(t, id));
    return p ? structuredClone(p) : undefined;
  }
  async list(t: string, _page: unknown, status?: string): Promise<Page<PostRecord>> {
    const items = [...this.posts.values()].filter(
      (p) => p.tenantId === t && (!status || p.status === status),
    );
    return { items, nextCursor: null };
  }
  async delete(t: string, id: string) {
    this.posts.delete(this.key(t, id));
    this.due.delete(this.key(t, id));
  }
  async updateTarget(t: string, id: string, key: string, state: TargetState) {
    const p = this.posts.get(this.key(t, id));
    if (!p) throw new Error(`no post ${id}`);
    p.targetStates[key] = structuredClone(state);
    return structuredClone(p);
  }
  async setStatus(t: string, id: string, status: PostStatus) {
    const p = this.posts.get(this.key(t, id));
    if (p) p.status = status;
  }
  async listDue(before: string, limit: number) {
    return [...this.due.entries()]
      .filter(([, at]) => at <= before)
      .slice(0, limit)
      .map(([k]) => {
        const [tenantId, postId] = k.split('|') as [string, string];
        return { tenantId, postId };
      });
  }
  async claimDue(t: string, id: string) {
    if (!this.due.delete(this.key(t, id))) return false;
    const p = this.posts.get(this.key(t, id));
    if (p) p.status = 'publishing';
    return true;
  }
  /** like the table's: only a post still `publishing` goes back, as approved or scheduled */
  async unclaim(post: PostRecord) {
    const p = this.posts.get(this.key(post.tenantId, post.id));
    if (!p || p.status !== 'publishing') return;
    p.status =
      post.scheduledAt && Date.parse(post.scheduledAt) > this.now().getTime() ? 'scheduled' : 'approved';
    this.due.set(this.key(post.tenantId, post.id), post.scheduledAt ?? post.updatedAt);
  }
  async leaseTarget(t: string, id: string, key: string, until: string, now: string) {
    const p = this.posts.get(this.key(t, id));
    const s = p?.targetStates[key];
    if (!p || !s) return undefined;
    const free =
      s.status === 'pending' || (s.status === 'publishing' && (!s.leaseUntil || s.leaseUntil < now));
    if (!free) return undefined;
    p.targetStates[key] = { ...s, status: 'publishing', leaseUntil: until };
    return structuredClone(p);
  }
}

export class FakeConnections
  extends FakeConnectionsBase<PublishingConnection>
  implements PublishingConnections
{
  add(c: PublishingConnection, igPages: Record<string, string> = {}) {
    this.store(c);
    for (const p of c.selection.pages) this.pageTokens.set(`${c.connectionId}|${p}`, `ct:${p}`);
    for (const [ig, page] of Object.entries(igPages)) this.linkInstagram(c, ig, page, `ct:${page}`);
  }
}

type Call = { method: keyof PublishingGraph; args: unknown[] };

/**
 * Meta's side: what was posted to Page feeds and Instagram accounts, the container states it reports, and
 * the error it throws instead when a test says so (for one method, or for every write).
 */
export class FakePublishingGraph implements PublishingGraph {
  readonly calls: Call[] = [];
  readonly feed: Array<{ pageId: string; id: string; message: string; createdTime: Date }> = [];
  readonly media: Array<{ igUserId: string; id: string; caption: string }> = [];
  readonly containers = new Map<string, { spec: IgContainerSpec; statuses: ContainerStatus[] }>();
  /** what each new container reports, poll after poll (the last one repeats) */
  containerStatuses: ContainerStatus[] = ['FINISHED'];
  quota = { used: 0, total: 100 };
  /** a method → the error it throws (once, or every time with `sticky`) */
  readonly failures = new Map<keyof PublishingGraph, { error: Error; sticky: boolean }>();
  /** the write lands at Meta but its answer is lost */
  loseAnswerOf: keyof PublishingGraph | null = null;
  private n = 0;

  failOn(method: keyof PublishingGraph, error: Error, sticky = false) {
    this.failures.set(method, { error, sticky });
  }
  private enter(method: keyof PublishingGraph, args: unknown[]) {
    this.calls.push({ method, args });
    const f = this.failures.get(method);
    if (f) {
      if (!f.sticky) this.failures.delete(method);
      throw f.error;
    }
  }
  private lost(method: keyof PublishingGraph) {
    if (this.loseAnswerOf !== method) return;
    this.loseAnswerOf = null;
    throw new Error('socket hang up');
  }
  writes() {
    return this.calls.filter((c) =>
      [
        'createPagePost',
        'createPagePhoto',
        'createPagePostWithPhotos',
        'createIgContainer',
        'igPublish',
      ].includes(c.method),
    );
  }

  async createPagePost(pageId: string, token: string, post: { message: string; link?: string }) {
    this.enter('createPagePost', [pageId, token, post]);
    const id = `${pageId}_${++this.n}`;
    this.feed.push({ pageId, id, message: post.message, createdTime: new Date('2026-11-20T10:00:00Z') });
    this.lost('createPagePost');
    return id;
  }
  async createPagePhoto(
    pageId: string,
    token: string,
    photo: { url: string; caption: string; published: boolean },
  ) {
    this.enter('createPagePhoto', [pageId, token, photo]);
    const photoId = `photo_${++this.n}`;
    if (!photo.published) return { photoId, postId: null };
    const postId = `${pageId}_${++this.n}`;
    this.feed.push({
      pageId,
      id: postId,
      message: photo.caption,
      createdTime: new Date('2026-11-20T10:00:00Z'),
    });
    return { photoId, postId };
  }
  async createPagePostWithPhotos(pageId: string, token: string, message: string, photoIds: string[]) {
    this.enter('createPagePostWithPhotos', [pageId, token, message, photoIds]);
    const id = `${pageId}_${++this.n}`;
    this.feed.push({ pageId, id, message, createdTime: new Date('2026-11-20T10:00:00Z') });
    return id;
  }
  async recentPagePosts(pageId: string, token: string) {
    this.enter('recentPagePosts', [pageId, token]);
    return this.feed
      .filter((p) => p.pageId === pageId)
      .map(({ id, message, createdTime }) => ({ id, message, createdTime }));
  }
  async permalink(objectId: string, token: string, kind: 'facebook_post' | 'instagram_media') {
    this.enter('permalink', [objectId, token, kind]);
    return `https://meta.example/${kind}/${objectId}`;
  }
  async createIgContainer(igUserId: string, token: string, spec: IgContainerSpec) {
    this.enter('createIgContainer', [igUserId, token, spec]);
    const id = `container_${++this.n}`;
    this.containers.set(id, { spec, statuses: [...this.containerStatuses] });
    return id;
  }
  async igContainerStatus(containerId: string, token: string) {
    this.enter('igContainerStatus', [containerId, token]);
    const c = this.containers.get(containerId);
    if (!c) throw new Error(`no container ${containerId}`);
    const status = c.statuses.length > 1 ? c.statuses.shift()! : c.statuses[0]!;
    return { status, detail: status === 'ERROR' ? '2207026' : null };
  }
  async igPublish(igUserId: string, token: string, containerId: string) {
    this.enter('igPublish', [igUserId, token, containerId]);
    const c = this.containers.get(containerId)!;
    const id = `media_${++this.n}`;
    this.media.push({ igUserId, id, caption: c.spec.caption ?? '' });
    c.statuses = ['PUBLISHED'];
    this.lost('igPublish');
    return id;
  }
  async igRecentMedia(igUserId: string, token: string) {
    this.enter('igRecentMedia', [igUserId, token]);
    return this.media.filter((m) => m.igUserId === igUserId).map(({ id, caption }) => ({ id, caption }));
  }
  async igPublishingQuota(igUserId: string, token: string) {
    this.enter('igPublishingQuota', [igUserId, token]);
    return { ...this.quota };
  }
}

export class FakeDelayedJobs implements DelayedJobSender {
  readonly sent: Array<{ detailType: string; detail: Record<string, unknown>; delaySeconds: number }> = [];
  async sendAt(detailType: string, detail: Record<string, unknown>, delaySeconds: number) {
    this.sent.push({ detailType, detail, delaySeconds });
  }
}

export const PAGE = '104729384756123';
export const IG = '17841400000000001';

export const activeConnection = (over: Partial<PublishingConnection> = {}): PublishingConnection => ({
  tenantId: 't1',
  connectionId: 'c1',
  status: 'active',
  selection: { pages: [PAGE], instagramAccounts: [IG] },
  ...over,
});

/** Every port of the module, faked, sharing one clock; `deps` is the calendar's, `publish` the worker's. */
export function publishingFakes(opts: { now?: Date; delayedJobs?: boolean } = {}) {
  let now = opts.now ?? new Date('2026-11-20T10:00:00Z');
  const posts = new FakePostStore(() => now);
  const connections = new FakeConnections();
  const graph = new FakePublishingGraph();
  const delayed = new FakeDelayedJobs();
  const events: DomainEvent[] = [];
  const audit: AuditEntry[] = [];
  const commands: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  const settings = new Map<string, unknown>();
  const metrics = new RecordingMetrics();
  const sleeps: number[] = [];
  let n = 0;
  const clock = { now: () => now };
  const ids = { next: (p = 'id') => `${p}_${String(++n).padStart(26, '0')}` };
  const eventPublisher = { publish: async (e: DomainEvent[]) => void events.push(...e) };
  const auditLog = {
    record: async (e: AuditEntry) => void audit.push(e),
    list: async () => ({ items: audit, nextCursor: null }),
  };
  const deps: CalendarDeps = {
    clock,
    ids,
    events: eventPublisher,
    audit: auditLog,
    settings: {
      get: async <T>(t: string, k: string) => settings.get(`${t}|${k}`) as T | undefined,
      put: async (t, k, v) => void settings.set(`${t}|${k}`, v),
    },
    connections,
    posts,
    commands: { send: async (detailType, detail) => void commands.push({ detailType, detail }) },
    ...(opts.delayedJobs ? { delayedJobs: delayed } : {}),
    metrics,
  };
  const publish: PublishDeps = {
    clock,
    ids,
    // the fake vault's plaintext names what it opened, so a test sees which token was used
    vault: { encrypt: async (p) => `ct:${p}`, decrypt: async (c) => `token(${c})` },
    events: eventPublisher,
    audit: auditLog,
    posts,
    connections,
    graph,
    sleep: async (ms) => void sleeps.push(ms),
    metrics,
  };
  return {
    deps,
    publish,
    posts,
    connections,
    graph,
    delayed,
    events,
    audit,
    commands,
    settings,
    metrics,
    sleeps,
    setNow: (d: Date) => void (now = d),
  };
}
