/**
 * Publishing (meta-platform.md §4): Page `feed` and `photos`, and Instagram's container flow — create a
 * container, poll `status_code` (IN_PROGRESS for a configurable number of polls, then FINISHED or ERROR;
 * EXPIRED after 24 h), `media_publish`, the 24-hour `content_publishing_limit`, and permalinks.
 */
import { GraphErrors } from './graph-errors';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { SimContainer } from './world';

const CONTAINER_TTL_S = 24 * 3600;
const isPage = (p: Record<string, string>, w: GraphContext['world']) => w.pages.has(p.id ?? '');
const isIgAccount = (p: Record<string, string>, w: GraphContext['world']) =>
  [...w.pages.values()].some((page) => page.igAccountId === p.id);
const isContainer = (p: Record<string, string>, w: GraphContext['world']) => w.containers.has(p.id ?? '');
const isPost = (p: Record<string, string>, w: GraphContext['world']) => w.posts.some((x) => x.id === p.id);

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

function createFeedPost(ctx: GraphContext): unknown {
  const page = pageOf(ctx);
  requireScope(ctx.auth, 'pages_manage_posts');
  const message = ctx.args.str('message');
  const link = ctx.args.str('link');
  if (!message && !link) throw GraphErrors.invalidParameter('(#100) A post needs a message or a link');
  const id = `${page.id}_${ctx.world.newId(17, '122')}`;
  ctx.world.posts.push({
    kind: 'facebook_post',
    id,
    pageId: page.id,
    message: message ?? '',
    link: link ?? null,
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
  if (!published) return { id: photoId };
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

function listFeed(ctx: GraphContext): unknown {
  const page = pageOf(ctx);
  const posts = ctx.world.posts
    .filter((p) => p.kind === 'facebook_post' && p.pageId === page.id)
    .sort((a, b) => Number(b.createdTime) - Number(a.createdTime))
    .slice(0, Number(ctx.args.str('limit') ?? 25));
  return {
    data: posts.map((p) => ({
      id: p.id,
      message: p.message,
      created_time: new Date(Number(p.createdTime) * 1000).toISOString().replace('Z', '+0000'),
    })),
  };
}

function getPost(ctx: GraphContext): unknown {
  const post = ctx.world.posts.find((p) => p.id === ctx.params.id)!;
  if (post.kind === 'instagram_media') {
    return { id: post.id, permalink: post.permalink, caption: post.caption, media_type: post.mediaType };
  }
  return { id: post.id, message: post.message, permalink_url: post.permalink };
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
    throw GraphErrors.invalidParameter('The caption is longer than 2,200 characters', { subcode: 2207008 });
  const behaviour = ctx.world.publishing;
  const container: SimContainer = {
    id: ctx.world.newId(17, '17'),
    igUserId: ctx.params.id ?? page.igAccountId ?? '',
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
  const status =
    c.status === 'ERROR'
      ? 'Error: The media could not be processed (2207026)'
      : c.status === 'EXPIRED'
        ? 'Expired'
        : c.status === 'IN_PROGRESS'
          ? 'In Progress'
          : c.status === 'PUBLISHED'
            ? 'Published'
            : 'Finished';
  return { id: c.id, status_code: c.status, status };
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
    createdTime: ctx.now,
    permalink: `https://www.instagram.com/p/${id.slice(-11)}/`,
  });
  return { id };
}

function listMedia(ctx: GraphContext): unknown {
  igPageOf(ctx);
  const media = ctx.world.posts
    .filter((p) => p.kind === 'instagram_media' && p.igUserId === ctx.params.id)
    .sort((a, b) => Number(b.createdTime) - Number(a.createdTime));
  return {
    data: media.map((m) => ({
      id: m.id,
      caption: m.caption,
      timestamp: new Date(Number(m.createdTime) * 1000).toISOString().replace('Z', '+0000'),
    })),
  };
}

export function registerPublishingRoutes(r: GraphRouteRegistry): void {
  r.post('/:id/feed', 'page', createFeedPost, isPage)
    .get('/:id/feed', 'user-or-page', listFeed, isPage)
    .get('/:id/posts', 'user-or-page', listFeed, isPage)
    .post('/:id/photos', 'page', createPhoto, isPage)
    .post('/:id/media', 'user-or-page', createContainer, isIgAccount)
    .get('/:id/media', 'user-or-page', listMedia, isIgAccount)
    .get('/:id/content_publishing_limit', 'user-or-page', publishingLimit, isIgAccount)
    .post('/:id/media_publish', 'user-or-page', mediaPublish, isIgAccount)
    .get('/:id', 'user-or-page', containerStatus, isContainer)
    .get('/:id', 'user-or-page', getPost, isPost);
}
