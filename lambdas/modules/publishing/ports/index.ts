/**
 * What the publishing core needs from outside, and nothing more: its post store, its slice of the Graph
 * API (Page feed and photos, Instagram containers), the few things it reads about connections, the synced
 * content a published target links to, and a way to hold a job until its second. The platform's ports
 * (clock, ids, vault, bus, audit, settings) are shared by every module. Each port has an in-memory fake in
 * test/modules/publishing/fakes.ts.
 */
import type {
  Clock,
  CommandPublisher,
  DelayedJobSender,
  Page,
  PageRequest,
  PlatformDeps,
} from '../../../platform/core/ports';
import type { Metrics } from '../../../platform/core/observability/metrics';
import type { PostRecord, PostStatus, TargetState } from '../core/post';
import type { PageTokenReads, TokenRefusalReport } from '../../connections/contracts/acting-connections';

export type { DelayedJobSender };

export interface PostStore {
  put(post: PostRecord): Promise<void>;
  get(tenantId: string, postId: string): Promise<PostRecord | undefined>;
  list(tenantId: string, page: PageRequest, status?: string): Promise<Page<PostRecord>>;
  delete(tenantId: string, postId: string): Promise<void>;
  /** Sets one target's state without touching the others (jobs for other targets run at the same time). */
  updateTarget(tenantId: string, postId: string, key: string, state: TargetState): Promise<PostRecord>;
  setStatus(tenantId: string, postId: string, status: PostStatus): Promise<void>;
  /** Approved posts whose time has come, across tenants. */
  listDue(before: string, limit: number): Promise<Array<{ tenantId: string; postId: string }>>;
  /** Takes a due post off the due list; false when another run took it first. */
  claimDue(tenantId: string, postId: string): Promise<boolean>;
  /** Puts a claimed post back on the due list, leaving its targets' states as they are. */
  unclaim(post: PostRecord): Promise<void>;
  /**
   * Lets one publish job at a time work on a target: succeeds while the target is pending, or publishing
   * under a lease that ran out before `now`; returns the post as it is then, or undefined when not taken.
   */
  leaseTarget(
    tenantId: string,
    postId: string,
    key: string,
    until: string,
    now: string,
  ): Promise<PostRecord | undefined>;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface IgContainerSpec {
  imageUrl?: string;
  videoUrl?: string;
  /** VIDEO for a video carousel item (Reels cannot be carousel items) */
  mediaType?: 'REELS' | 'VIDEO' | 'CAROUSEL';
  caption?: string;
  children?: string[];
  isCarouselItem?: boolean;
}

/** The publishing module's slice of the Graph API: a Page's feed and photos, Instagram's containers. */
export interface PublishingGraph {
  createPagePost(
    pageId: string,
    pageToken: string,
    post: { message: string; link?: string },
  ): Promise<string>;
  createPagePhoto(
    pageId: string,
    pageToken: string,
    photo: { url: string; caption: string; published: boolean },
  ): Promise<{ photoId: string; postId: string | null }>;
  createPagePostWithPhotos(
    pageId: string,
    pageToken: string,
    message: string,
    photoIds: string[],
  ): Promise<string>;
  recentPagePosts(
    pageId: string,
    pageToken: string,
  ): Promise<Array<{ id: string; message: string; createdTime: Date }>>;
  /** A Page post answers `permalink_url`, an Instagram media `permalink`; each refuses the other's field. */
  permalink(
    objectId: string,
    token: string,
    kind: 'facebook_post' | 'instagram_media',
  ): Promise<string | null>;
  createIgContainer(igUserId: string, token: string, media: IgContainerSpec): Promise<string>;
  igContainerStatus(
    containerId: string,
    token: string,
  ): Promise<{ status: ContainerStatus; detail: string | null }>;
  igPublish(igUserId: string, token: string, containerId: string): Promise<string>;
  igRecentMedia(igUserId: string, token: string): Promise<Array<{ id: string; caption: string }>>;
  igPublishingQuota(igUserId: string, token: string): Promise<{ used: number; total: number }>;
}

/** A connection as the publishing module sees it. */
export interface PublishingConnection {
  tenantId: string;
  connectionId: string;
  status: 'active' | 'expiring' | 'expired' | 'revoked';
  selection: { pages: string[]; instagramAccounts: string[] };
}

/** What the publishing module reads about connections (the connections module's data), and the one change it makes. */
export interface PublishingConnections extends PageTokenReads, TokenRefusalReport {
  get(tenantId: string, connectionId: string): Promise<PublishingConnection | undefined>;
  /** The tenant's connections. */
  list(tenantId: string): Promise<PublishingConnection[]>;
}

/** The synced content (posts and media with their figures) a published target links to. */
export interface PostContentLinks {
  linksFor(
    tenantId: string,
    targets: ReadonlyArray<{ type: string; metaId: string | null }>,
  ): Promise<Array<{ id: string; href: string } | null>>;
}

/** What queues publish jobs: the scheduler, and an approval inside its window. */
export interface JobQueueDeps {
  clock: Clock;
  posts: PostStore;
  commands: CommandPublisher;
  /** present where the publish queue can be reached directly: jobs then start on the scheduled second */
  delayedJobs?: DelayedJobSender;
}

/** The calendar: drafts, edits, approvals; an approval due soon queues its jobs. */
export interface CalendarDeps extends JobQueueDeps, Omit<PlatformDeps, 'vault'> {
  connections: Pick<PublishingConnections, 'list'>;
  /** business metrics: approvals */
  metrics: Metrics;
}

/** The publish worker: one job, one target, exactly once. */
export interface PublishDeps extends Omit<PlatformDeps, 'settings'> {
  posts: PostStore;
  connections: Omit<PublishingConnections, 'list'>;
  graph: PublishingGraph;
  /** waits between Instagram container polls, injectable so tests do not sleep */
  sleep: (ms: number) => Promise<void>;
  /** business metrics: publish outcomes */
  metrics: Metrics;
}
