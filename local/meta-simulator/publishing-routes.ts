/**
 * Publishing: Page `feed` and `photos`, and Instagram's container flow — create a
 * container, poll `status_code` (IN_PROGRESS for a configurable number of polls, then FINISHED or ERROR;
 * EXPIRED after 24 h), `media_publish`, the 24-hour `content_publishing_limit` (and 400 containers a day),
 * caption limits, staged photos attached to a feed post, native scheduling's 10-minute-to-30-day window,
 * and permalinks.
 */
import { renderNode, type NodeSpec } from './fields';
import { countEdge, figuresOf, mediaInsights, postInsights, reactionsTotal } from './content-figures';
import { paginate } from './pagination';
import { GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { SimContainer } from './world';
import { INSTAGRAM_CONTRACTS, PAGE_CONTRACTS } from './contracts';

const CONTAINER_TTL_S = 24 * 3600;
const CONTAINERS_PER_DAY = 400;
const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');
const isIgAccount = (p: Record<string, string>, w: GraphContext['world']) =>
  [...w.pages.values()].some((page) => page.igAccountId === p.id);
const isContainer = (p: Record<string, string>, w: GraphContext['world']) => w.containers.has(p.id ?? '');
const isFbPost = (p: Record<string, string>, w: GraphContext['world']) =>
  w.posts.some((x) => x.id === p.id && x.kind === 'facebook_post');
const isIgMedia = (p: Record<string, string>, w: GraphContext['world']) =>
  w.posts.some((x) => x.id === p.id && x.kind === 'instagram_media');

function pageOf(ctx: GraphContext) {
  const page = ctx.world.pages.get(ctx.params.id ?? '');
  if (!page || !canReachPage(ctx.world, ctx.auth, page.id))
    throw GraphErrors.unsupported(ctx.method, ctx.params.id ?? '');
  return page;
}

function igPageOf(ctx: GraphContext) {
  const page = [...ctx.world.pages.values()].find((p) => p.igAccountId === ctx.params.id);
  if (!page || !canReachPage(ctx.world, ctx.auth, page.id))
    throw GraphErrors.unsupported(ctx.method, ctx.params.id ?? '');
  return page;
}

/** `attached_media[0]={"media_fbid":…}` (form) or `attached_media=[{…}]` (JSON): staged photo ids. */
function attachedMedia(ctx: GraphContext): string[] {
  const items: unknown[] = [];
  const whole = ctx.args.has('attached_media') ? ctx.args.json('attached_media') : undefined;
  if (Array.isArray(whole)) items.push(...whole);
  for (let i = 0; ctx.args.has(`attached_media[${i}]`); i++)
    items.push(ctx.args.json(`attached_media[${i}]`));
  return items.map((m) => {
    const id = (m as { media_fbid?: unknown } | null)?.media_fbid;
    if (typeof id !== 'string' && typeof id !== 'number')
      throw GraphErrors.invalidParameter('attached_media items need a media_fbid');
    return String(id);
  });
}

/** Native scheduling: `published=false` with `scheduled_publish_time` 10 minutes to 30 days ahead. */
function scheduledTime(ctx: GraphContext): number | null {
  const raw = ctx.args.str('scheduled_publish_time');
  if (raw === undefined) return null;
  const at = /^\d+$/.test(raw) ? Number(raw) : Math.floor(Date.parse(raw) / 1000);
  if (ctx.args.str('published') !== 'false')
    throw GraphErrors.invalidParameter('A scheduled post must be created with published=false');
  if (!Number.isFinite(at) || at < ctx.now + 600 || at > ctx.now + 30 * 86400)
    throw GraphErrors.invalidParameter(
      'The specified scheduled publish time is invalid: it must be between 10 minutes and 30 days from now',
    );
  return at;
}

function createFeedPost(ctx: GraphContext): unknown {
  const page = pageOf(ctx);
  requireScope(ctx.auth, 'pages_manage_posts');
  const message = ctx.args.str('message');
  const link = ctx.args.str('link');
  const photos = attachedMedia(ctx);
  if (!message && !link && photos.length === 0)
    throw GraphErrors.invalidParameter('(#100) A post needs a message, a link or attached media');
  for (const photoId of photos)
    if (ctx.world.stagedPhotos.get(photoId) !== page.id)
      throw GraphErrors.invalidParameter(
        `attached_media ${photoId} is not an unpublished photo of this Page`,
      );
  const scheduledAt = scheduledTime(ctx);
  for (const photoId of photos) ctx.world.stagedPhotos.delete(photoId);
  const id = `${page.id}_${ctx.world.newId(17, '122')}`;
  ctx.world.posts.push({
    kind: 'facebook_post',
    id,
    pageId: page.id,
    message: message ?? '',
    link: link ?? null,
    ...(photos.length > 0 ? { attachedPhotoIds: photos } : {}),
    ...(scheduledAt !== null ? { scheduledPublishTime: scheduledAt } : {}),
    createdTime: ctx.now,
    permalink: `https://www.facebook.com/${page.id}/posts/${id.split('_')[1]}`,
  });
  return { id };
}

function createPhoto(ctx: GraphContext): unknown {
  const page = pageOf(ctx);
  requireScope(ctx.auth, 'pages_manage_posts');
  const url = ctx.args.str('url');
  if (!url) throw GraphErrors.missingParameter('url');
  const photoId = ctx.world.newId(16, '10');
  const published = ctx.args.str('published') !== 'false';
  if (!published) {
    ctx.world.stagedPhotos.set(photoId, page.id);
    return { id: photoId };
  }
  const postId = `${page.id}_${ctx.world.newId(17, '122')}`;
  ctx.world.posts.push({
    kind: 'facebook_post',
    id: postId,
    photoId,
    pageId: page.id,
    message: ctx.args.str('caption') ?? ctx.args.str('message') ?? '',
    imageUrl: url,
    createdTime: ctx.now,
    permalink: `https://www.facebook.com/${page.id}/posts/${postId.split('_')[1]}`,
  });
  return { id: photoId, post_id: postId };
}

type SimPost = Record<string, unknown>;
const graphTime = (unixSeconds: unknown) =>
  new Date(Number(unixSeconds) * 1000).toISOString().replace('Z', '+0000');

/** A Page post: Meta answers `permalink_url` here and refuses IG's `permalink`. */
export const PAGE_POST_SPEC: NodeSpec<SimPost> = {
  type: 'PagePost',
  defaultFields: ['created_time', 'message', 'id'],
  fields: {
    id: (p) => p.id,
    message: (p) => (p.message ? p.message : undefined),
    created_time: (p) => graphTime(p.createdTime),
    permalink_url: (p) => p.permalink,
    is_published: (p) => p.scheduledPublishTime === undefined,
    scheduled_publish_time: (p) => p.scheduledPublishTime,
    status_type: (p) =>
      p.statusType ??
      (p.videoUrl
        ? 'added_video'
        : p.imageUrl || p.attachedPhotoIds
          ? 'added_photos'
          : p.link
            ? 'shared_story'
            : 'mobile_status_update'),
    full_picture: (p) => p.imageUrl ?? undefined,
    // Meta leaves `shares` out until someone shared the post
    shares: (p, ctx) => {
      const count = figuresOf(ctx, p).shares;
      return count > 0 ? { count } : undefined;
    },
    reactions: (p, ctx, sel) => countEdge(reactionsTotal(ctx, p), sel),
    comments: (p, ctx, sel) => countEdge(figuresOf(ctx, p).comments, sel),
    insights: (p, ctx, sel) => postInsights(ctx, p, sel),
  },
};

/** An Instagram media: `permalink`, not `permalink_url`. */
export const IG_MEDIA_SPEC: NodeSpec<SimPost> = {
  type: 'IGMedia',
  defaultFields: ['id'],
  fields: {
    id: (p) => p.id,
    caption: (p) => p.caption,
    media_type: (p) =>
      p.mediaType === 'REELS' ? 'VIDEO' : p.mediaType === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : p.mediaType,
    media_product_type: (p) => (p.mediaType === 'REELS' ? 'REELS' : 'FEED'),
    permalink: (p) => p.permalink,
    timestamp: (p) => graphTime(p.createdTime),
    media_url: (p) => p.mediaUrl ?? undefined,
    // a video's cover picture
    thumbnail_url: (p) =>
      p.mediaType === 'VIDEO' || p.mediaType === 'REELS' ? (p.mediaUrl ?? undefined) : undefined,
    like_count: (p, ctx) => {
      const f = figuresOf(ctx, p);
      return f.reactions.like + f.reactions.love;
    },
    comments_count: (p, ctx) => figuresOf(ctx, p).comments,
    insights: (p, ctx, sel) => mediaInsights(ctx, p, sel),
  },
};

/** newest first, `since`/`until` in Unix seconds (created at or after / before) */
export function inTimeRange(ctx: GraphContext, posts: SimPost[]): SimPost[] {
  const since = ctx.args.int('since');
  const until = ctx.args.int('until');
  return posts
    .filter(
      (p) =>
        (since === undefined || Number(p.createdTime) >= since) &&
        (until === undefined || Number(p.createdTime) < until),
    )
    .sort(
      (a, b) => Number(b.createdTime) - Number(a.createdTime) || String(b.id).localeCompare(String(a.id)),
    );
}

const CONTAINER_SPEC: NodeSpec<SimContainer> = {
  type: 'IGContainer',
  defaultFields: ['id'],
  fields: {
    id: (c) => c.id,
    status_code: (c) => c.status,
    status: (c) =>
      c.status === 'ERROR'
        ? 'Error: The media could not be processed (2207026)'
        : c.status === 'EXPIRED'
          ? 'Expired'
          : c.status === 'IN_PROGRESS'
            ? 'In Progress'
            : c.status === 'PUBLISHED'
              ? 'Published'
              : 'Finished',
  },
};

function listFeed(ctx: GraphContext): unknown {
  const page = pageOf(ctx);
  // a natively scheduled post joins the feed at its time
  const posts = ctx.world.posts
    .filter((p) => p.kind === 'facebook_post' && p.pageId === page.id)
    .filter((p) => p.scheduledPublishTime === undefined || Number(p.scheduledPublishTime) <= ctx.now)
    .sort((a, b) => Number(b.createdTime) - Number(a.createdTime))
    .slice(0, Number(ctx.args.str('limit') ?? 25));
  return { data: posts.map((p) => renderNode(PAGE_POST_SPEC, p, ctx)) };
}

function getPost(ctx: GraphContext): unknown {
  const post = ctx.world.posts.find((p) => p.id === ctx.params.id)!;
  return renderNode(post.kind === 'instagram_media' ? IG_MEDIA_SPEC : PAGE_POST_SPEC, post, ctx);
}

function createContainer(ctx: GraphContext): unknown {
  const page = igPageOf(ctx);
  requireScope(ctx.auth, 'instagram_content_publish');
  const mediaType = (ctx.args.str('media_type') ?? 'IMAGE').toUpperCase();
  const imageUrl = ctx.args.str('image_url');
  const videoUrl = ctx.args.str('video_url');
  const children = (ctx.args.str('children') ?? '').split(',').filter(Boolean);
  if (mediaType === 'CAROUSEL') {
    if (children.length < 2 || children.length > 10)
      throw GraphErrors.invalidParameter('The carousel must have between 2 and 10 children', {
        subcode: 2207020,
      });
    for (const c of children) {
      const child = ctx.world.containers.get(c);
      if (!child || child.status !== 'FINISHED')
        throw GraphErrors.invalidParameter(`Child container ${c} is not ready`, { subcode: 2207021 });
    }
  } else if (!imageUrl && !videoUrl) {
    throw GraphErrors.invalidParameter('Instagram media needs an image_url or a video_url', {
      subcode: 2207052,
    });
  }
  const caption = ctx.args.str('caption') ?? '';
  if (caption.length > 2200)
    throw GraphErrors.invalidParameter('The caption is longer than 2,200 characters', { subcode: 2207010 });
  if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > 30)
    throw GraphErrors.invalidParameter('The caption has more than 30 hashtags', { subcode: 2207010 });
  if ((caption.match(/(^|[^\w])@[\w.]+/gu) ?? []).length > 20)
    throw GraphErrors.invalidParameter('The caption mentions more than 20 accounts', { subcode: 2207040 });
  const igUserId = ctx.params.id ?? page.igAccountId ?? '';
  const recent = [...ctx.world.containers.values()].filter(
    (c) => c.igUserId === igUserId && ctx.now - c.createdAt < 86400,
  ).length;
  if (recent >= CONTAINERS_PER_DAY)
    throw GraphErrors.invalidParameter(`The account created ${CONTAINERS_PER_DAY} containers in 24 hours`, {
      code: 9,
    });
  const behaviour = ctx.world.publishing;
  const container: SimContainer = {
    id: ctx.world.newId(17, '17'),
    igUserId,
    mediaType: (mediaType === 'VIDEO' || mediaType === 'REELS' || mediaType === 'CAROUSEL'
      ? mediaType
      : 'IMAGE') as SimContainer['mediaType'],
    caption,
    mediaUrl: imageUrl ?? videoUrl ?? null,
    children,
    isCarouselItem: ctx.args.str('is_carousel_item') === 'true',
    pollsLeft: behaviour.containerPolls,
    outcome: behaviour.containerOutcome,
    status: behaviour.containerPolls > 0 ? 'IN_PROGRESS' : behaviour.containerOutcome,
    createdAt: ctx.now,
  };
  ctx.world.containers.set(container.id, container);
  return { id: container.id };
}

function containerStatus(ctx: GraphContext): unknown {
  const c = ctx.world.containers.get(ctx.params.id ?? '')!;
  if (c.status !== 'PUBLISHED' && ctx.now - c.createdAt > CONTAINER_TTL_S) c.status = 'EXPIRED';
  if (c.status === 'IN_PROGRESS') {
    c.pollsLeft -= 1;
    if (c.pollsLeft <= 0) c.status = c.outcome;
  }
  return renderNode(CONTAINER_SPEC, c, ctx);
}

function publishingLimit(ctx: GraphContext): unknown {
  igPageOf(ctx);
  const b = ctx.world.publishing;
  return {
    data: [{ quota_usage: b.quotaUsage, config: { quota_total: b.quotaTotal, quota_duration: 86400 } }],
  };
}

function mediaPublish(ctx: GraphContext): unknown {
  igPageOf(ctx);
  requireScope(ctx.auth, 'instagram_content_publish');
  const b = ctx.world.publishing;
  if (b.quotaUsage >= b.quotaTotal)
    throw GraphErrors.invalidParameter('The account has reached its content publishing limit', {
      code: 9,
      subcode: 2207042,
    });
  const creationId = ctx.args.str('creation_id');
  const c = creationId ? ctx.world.containers.get(creationId) : undefined;
  if (!c) throw GraphErrors.invalidParameter('creation_id is not a media container', { subcode: 2207001 });
  if (c.status === 'PUBLISHED')
    throw GraphErrors.invalidParameter('The media container was already published', { subcode: 2207006 });
  if (c.status !== 'FINISHED')
    throw GraphErrors.invalidParameter(`The media is not ready to be published (${c.status})`, {
      code: 9007,
      subcode: 2207027,
    });
  c.status = 'PUBLISHED';
  b.quotaUsage += 1;
  const id = ctx.world.newId(17, '18');
  ctx.world.posts.push({
    kind: 'instagram_media',
    id,
    igUserId: c.igUserId,
    containerId: c.id,
    caption: c.caption,
    mediaType: c.mediaType,
    ...(c.mediaUrl ? { mediaUrl: c.mediaUrl } : {}),
    createdTime: ctx.now,
    permalink: `https://www.instagram.com/p/${id.slice(-11)}/`,
  });
  return { id };
}

/** at most 100 a page, as the Page feed reference states (https://developers.facebook.com/docs/graph-api/reference/page/feed/) */
export const MAX_CONTENT_PAGE = 100;

function listMedia(ctx: GraphContext): unknown {
  igPageOf(ctx);
  requireScope(ctx.auth, 'instagram_basic');
  const media = inTimeRange(
    ctx,
    ctx.world.posts.filter((p) => p.kind === 'instagram_media' && p.igUserId === ctx.params.id),
  );
  return paginate(ctx, media, (m) => renderNode(IG_MEDIA_SPEC, m, ctx), MAX_CONTENT_PAGE);
}

export function registerPublishingRoutes(r: GraphRouteRegistry): void {
  r.on(PAGE_CONTRACTS.createPost, createFeedPost, isPage)
    .on(PAGE_CONTRACTS.feed, listFeed, isPage)
    .on(PAGE_CONTRACTS.posts, listFeed, isPage)
    .on(PAGE_CONTRACTS.photo, createPhoto, isPage)
    .on(INSTAGRAM_CONTRACTS.createContainer, createContainer, isIgAccount)
    .on(INSTAGRAM_CONTRACTS.media, listMedia, isIgAccount)
    .on(INSTAGRAM_CONTRACTS.publishingLimit, publishingLimit, isIgAccount)
    .on(INSTAGRAM_CONTRACTS.publish, mediaPublish, isIgAccount)
    .on(INSTAGRAM_CONTRACTS.container, containerStatus, isContainer)
    .on(PAGE_CONTRACTS.post, getPost, isFbPost)
    .on(INSTAGRAM_CONTRACTS.mediaNode, getPost, isIgMedia);
}
