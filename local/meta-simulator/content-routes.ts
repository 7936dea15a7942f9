/**
 * Content sync: `GET /{page-id}/published_posts` — the Page's own posts, newest first, at most 100 a page,
 * `since`/`until` in Unix seconds, each post's figures by field expansion (content-figures.ts) — and the
 * `/_sim/content` control that makes posts and media "outside the service" (as a person would in Meta
 * Business Suite or the app), optionally spread over past days, delivering the Page's `feed` webhook for
 * a new Page post when the app subscribed the Page to `feed`, and removes one (`DELETE /_sim/content/{id}`)
 * (https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed).
 */
import * as z from 'zod';
import { PAGE_CONTRACTS } from './contracts';
import { type ControlContext, ControlError, type ControlRoute, ok, parseInput } from './control-router';
import { renderNode } from './fields';
import { GraphErrors } from './graph-errors';
import { deliverPayload, type Payload } from './inbox-webhooks';
import { paginate } from './pagination';
import { inTimeRange, MAX_CONTENT_PAGE, PAGE_POST_SPEC } from './publishing-routes';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { World } from './world';

type SimPost = Record<string, unknown>;

function listPublishedPosts(ctx: GraphContext): unknown {
  const pageId = ctx.params.id ?? '';
  if (!canReachPage(ctx.world, ctx.auth, pageId)) throw GraphErrors.unsupported(ctx.method, pageId);
  requireScope(ctx.auth, 'pages_read_engagement');
  const posts = inTimeRange(
    ctx,
    ctx.world.posts.filter(
      (p) =>
        p.kind === 'facebook_post' &&
        p.pageId === pageId &&
        (p.scheduledPublishTime === undefined || Number(p.scheduledPublishTime) <= ctx.now),
    ),
  );
  return paginate(ctx, posts, (p) => renderNode(PAGE_POST_SPEC, p, ctx), MAX_CONTENT_PAGE);
}

export function registerContentRoutes(r: GraphRouteRegistry): void {
  r.on(PAGE_CONTRACTS.publishedPosts, listPublishedPosts, (p, w) => w.pages.has(p.id ?? ''));
}

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const NewContent = z
  .object({
    pageId: id.optional(),
    igAccountId: id.optional(),
    count: z.number().int().min(1).max(5000).default(1),
    /** the newest is this old; the others are spread evenly over `spreadDays` before it */
    ageSeconds: z
      .number()
      .int()
      .min(0)
      .max(400 * 86_400)
      .default(0),
    spreadDays: z.number().min(0).max(400).default(0),
    message: z.string().max(5000).optional(),
    /** Facebook: status, photo, video, link; Instagram: IMAGE, VIDEO, REELS, CAROUSEL */
    type: z.enum(['status', 'photo', 'video', 'link', 'IMAGE', 'VIDEO', 'REELS', 'CAROUSEL']).optional(),
    /** deliver the Page's `feed` webhook for each new Page post (Meta sends none for Instagram media) */
    deliver: z.boolean().default(false),
  })
  .refine((b) => !!b.pageId !== !!b.igAccountId, { message: 'give pageId or igAccountId' });

const IMAGE = 'https://scontent.example.fbcdn.net/v/t39.30808-6/sim.jpg';

function facebookPost(
  w: World,
  pageId: string,
  at: number,
  i: number,
  type: string,
  message: string,
): SimPost {
  const id = `${pageId}_${w.newId(17, '122')}`;
  return {
    kind: 'facebook_post',
    id,
    pageId,
    message,
    link: type === 'link' ? `https://example.com/article-${i}` : null,
    ...(type === 'photo' ? { imageUrl: IMAGE, photoId: w.newId(16, '10') } : {}),
    ...(type === 'video' ? { videoUrl: 'https://video.example.fbcdn.net/sim.mp4', imageUrl: IMAGE } : {}),
    createdTime: at,
    permalink: `https://www.facebook.com/${pageId}/posts/${id.split('_')[1]}`,
    outside: true,
  };
}

function instagramMedia(w: World, igUserId: string, at: number, type: string, caption: string): SimPost {
  const id = w.newId(17, '18');
  return {
    kind: 'instagram_media',
    id,
    igUserId,
    caption,
    mediaType: type,
    mediaUrl: IMAGE,
    createdTime: at,
    permalink: `https://www.instagram.com/p/${id.slice(-11)}/`,
    outside: true,
  };
}

/** Meta's `feed` change for a new Page post: `item` status, photo or video, `verb` add */
export function feedPostPayload(post: SimPost, pageName: string, nowS: number): Payload {
  const pageId = String(post.pageId);
  const item = post.videoUrl ? 'video' : post.imageUrl ? 'photo' : 'status';
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: nowS,
        changes: [
          {
            field: 'feed',
            value: {
              item,
              post_id: post.id,
              verb: 'add',
              published: 1,
              created_time: Number(post.createdTime),
              ...(post.message ? { message: post.message } : {}),
              ...(item === 'photo' ? { link: post.imageUrl, photo_id: post.photoId } : {}),
              from: { name: pageName, id: pageId },
            },
          },
        ],
      },
    ],
  };
}

async function newContent(c: ControlContext) {
  const input = parseInput(NewContent, c.body);
  const w = c.core.world;
  const now = c.core.now();
  const page = input.pageId ? w.pages.get(input.pageId) : undefined;
  if (input.pageId && !page) throw new ControlError(404, 'unknown_page', `no Page ${input.pageId}`);
  if (input.igAccountId && !w.instagramAccounts.has(input.igAccountId))
    throw new ControlError(404, 'unknown_instagram_account', `no Instagram account ${input.igAccountId}`);
  const step = input.count > 1 ? (input.spreadDays * 86_400) / (input.count - 1) : 0;
  const made: SimPost[] = [];
  for (let i = 0; i < input.count; i++) {
    const at = Math.round(now - input.ageSeconds - i * step);
    const text = input.message ?? `Post ${i + 1} made outside the service (simulated)`;
    made.push(
      page
        ? facebookPost(w, page.id, at, i, input.type ?? 'status', text)
        : instagramMedia(w, input.igAccountId!, at, input.type ?? 'IMAGE', text),
    );
  }
  w.posts.push(...made);
  const deliveries: number[] = [];
  const subscribed = page?.subscribedApps.get(c.core.appId)?.includes('feed') ?? false;
  if (page && input.deliver && subscribed)
    for (const post of made)
      deliveries.push((await deliverPayload(c.core, feedPostPayload(post, page.name, now))).status);
  return ok({
    ids: made.map((p) => p.id),
    ...(input.deliver ? { delivered: deliveries, pageSubscribed: subscribed } : {}),
  });
}

/** a person deletes a post or media in Meta's tools (no webhook: Instagram sends none for it) */
async function removeContent(c: ControlContext) {
  const w = c.core.world;
  const i = w.posts.findIndex((p) => p.id === c.params.id);
  if (i < 0) throw new ControlError(404, 'unknown_post', `no post or media ${c.params.id ?? ''}`);
  const [post] = w.posts.splice(i, 1);
  return ok({ removed: post!.id });
}

export const contentControlRoutes: ControlRoute[] = [
  { method: 'POST', pattern: '/content', handle: newContent },
  { method: 'DELETE', pattern: '/content/:id', handle: removeContent },
];
