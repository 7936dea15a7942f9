/**
 * Comments. Facebook: `GET|POST /{post-id}/comments` (`filter=stream` for
 * every comment with its `parent`, `since`, `order`), replies as `POST /{comment-id}/comments` (two levels:
 * a reply to a reply goes under the top-level comment), `POST /{comment-id}?is_hidden=`, `DELETE`.
 * Instagram: `GET /{media-id}/comments` (with `replies{…}` expansion), `POST /{comment-id}/replies`,
 * `POST /{comment-id}?hide=`, `DELETE`. The business's own comments come back as webhooks like Meta's.
 */
import { GraphErrors } from './graph-errors';
import { deliverSoon, feedCommentPayload, igCommentPayload } from './inbox-webhooks';
import { paginate } from './pagination';
import type { GraphContext, GraphRouteRegistry } from './route-registry';
import { canReachPage, requireScope } from './token-auth';
import type { SimComment, World } from './world';
import { INSTAGRAM_CONTRACTS, PAGE_CONTRACTS } from './contracts';

const live = (w: World, id: string | undefined) => {
  const c = w.comments.get(id ?? '');
  return c && !c.deleted ? c : undefined;
};
const isFbComment = (p: Record<string, string>, w: World) => live(w, p.id)?.platform === 'facebook';
const isIgComment = (p: Record<string, string>, w: World) => live(w, p.id)?.platform === 'instagram';
const isFbPost = (p: Record<string, string>, w: World) =>
  w.posts.some((x) => x.id === p.id && x.kind === 'facebook_post');
const isIgMedia = (p: Record<string, string>, w: World) =>
  w.posts.some((x) => x.id === p.id && x.kind === 'instagram_media');

const metaTime = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** The Page that owns a comment's object (an Instagram account's linked Page for Instagram). */
function pageOfAsset(w: World, c: Pick<SimComment, 'platform' | 'assetId'>): string | undefined {
  return c.platform === 'facebook' ? c.assetId : w.instagramAccounts.get(c.assetId)?.pageId;
}

function reachable(ctx: GraphContext, c: Pick<SimComment, 'platform' | 'assetId'>, id: string): void {
  const pageId = pageOfAsset(ctx.world, c);
  if (!pageId || !canReachPage(ctx.world, ctx.auth, pageId)) throw GraphErrors.unsupported(ctx.method, id);
}

function postOf(ctx: GraphContext) {
  const post = ctx.world.posts.find((x) => x.id === ctx.params.id)!;
  const platform = post.kind === 'instagram_media' ? 'instagram' : 'facebook';
  const assetId = String(platform === 'facebook' ? post.pageId : post.igUserId);
  reachable(ctx, { platform, assetId }, String(post.id));
  return { id: String(post.id), platform, assetId } as const;
}

export function renderComment(c: SimComment, withParent: boolean): Record<string, unknown> {
  if (c.platform === 'instagram') {
    return {
      id: c.id,
      text: c.message,
      timestamp: metaTime(c.createdTime),
      username: c.from.name,
      from: { id: c.from.id, username: c.from.name },
      hidden: c.hidden,
      ...(withParent && c.parentId ? { parent_id: c.parentId } : {}),
    };
  }
  return {
    id: c.id,
    message: c.message,
    created_time: metaTime(c.createdTime),
    from: { id: c.from.id, name: c.from.name },
    is_hidden: c.hidden,
    ...(withParent && c.parentId ? { parent: { id: c.parentId } } : {}),
  };
}

function commentsOf(w: World, objectId: string): SimComment[] {
  return [...w.comments.values()].filter((c) => c.objectId === objectId && !c.deleted);
}

function ordered(ctx: GraphContext, list: SimComment[]): SimComment[] {
  const since = ctx.args.int('since');
  const filtered = since !== undefined ? list.filter((c) => c.createdTime > since) : list;
  const reverse = ctx.args.str('order') === 'reverse_chronological';
  return filtered.sort((a, b) => (reverse ? b.createdTime - a.createdTime : a.createdTime - b.createdTime));
}

function listObjectComments(ctx: GraphContext): unknown {
  const post = postOf(ctx);
  requireScope(ctx.auth, 'pages_read_user_content', 'pages_read_engagement', 'instagram_manage_comments');
  const all = commentsOf(ctx.world, post.id);
  if (post.platform === 'instagram') {
    const expandReplies = (ctx.args.str('fields') ?? '').includes('replies');
    return paginate(
      ctx,
      ordered(
        ctx,
        all.filter((c) => !c.parentId),
      ),
      (c) => ({
        ...renderComment(c, false),
        ...(expandReplies
          ? {
              replies: {
                data: ordered(
                  ctx,
                  all.filter((r) => r.parentId === c.id),
                ).map((r) => renderComment(r, true)),
              },
            }
          : {}),
      }),
    );
  }
  const stream = ctx.args.str('filter') === 'stream';
  return paginate(ctx, ordered(ctx, stream ? all : all.filter((c) => !c.parentId)), (c) =>
    renderComment(c, stream),
  );
}

function listReplies(ctx: GraphContext): unknown {
  const parent = live(ctx.world, ctx.params.id)!;
  reachable(ctx, parent, parent.id);
  requireScope(ctx.auth, 'pages_read_user_content', 'pages_read_engagement', 'instagram_manage_comments');
  const replies = [...ctx.world.comments.values()].filter((c) => c.parentId === parent.id && !c.deleted);
  return paginate(ctx, ordered(ctx, replies), (c) => renderComment(c, true));
}

/** The business comments: on a post (top level) or under a comment (always under the top-level one). */
function businessComment(
  ctx: GraphContext,
  target: { platform: 'facebook' | 'instagram'; assetId: string; objectId: string; parentId: string | null },
): unknown {
  requireScope(
    ctx.auth,
    target.platform === 'facebook' ? 'pages_manage_engagement' : 'instagram_manage_comments',
  );
  const message = ctx.args.str('message');
  if (!message) throw GraphErrors.missingParameter('message');
  const maxChars = target.platform === 'facebook' ? 8000 : 2200;
  if ([...message].length > maxChars)
    throw GraphErrors.invalidParameter(`(#100) The comment is longer than ${maxChars} characters`);
  const name =
    target.platform === 'facebook'
      ? (ctx.world.pages.get(target.assetId)?.name ?? '')
      : (ctx.world.instagramAccounts.get(target.assetId)?.username ?? '');
  const comment: SimComment = {
    id: newCommentId(ctx.world, target.platform, target.objectId),
    platform: target.platform,
    objectId: target.objectId,
    assetId: target.assetId,
    parentId: target.parentId,
    from: { id: target.assetId, name },
    message,
    createdTime: ctx.now,
    hidden: false,
    deleted: false,
  };
  ctx.world.comments.set(comment.id, comment);
  if (ctx.world.inbox.echoes) {
    const subscribed =
      target.platform === 'instagram' ||
      (ctx.world.pages.get(target.assetId)?.subscribedApps.get(ctx.core.appId)?.includes('feed') ?? false);
    if (subscribed)
      deliverSoon(
        ctx.core,
        target.platform === 'facebook'
          ? feedCommentPayload(comment, 'add', ctx.now)
          : igCommentPayload(comment, ctx.now),
      );
  }
  return { id: comment.id };
}

export function newCommentId(w: World, platform: 'facebook' | 'instagram', objectId: string): string {
  for (;;) {
    const id =
      platform === 'facebook'
        ? `${objectId.split('_').pop()}_${w.ids.digits(16, '1')}`
        : w.ids.digits(17, '178');
    if (!w.comments.has(id)) return id;
  }
}

function commentOnObject(ctx: GraphContext): unknown {
  const post = postOf(ctx);
  return businessComment(ctx, {
    platform: post.platform,
    assetId: post.assetId,
    objectId: post.id,
    parentId: null,
  });
}

function replyToComment(ctx: GraphContext): unknown {
  const parent = live(ctx.world, ctx.params.id)!;
  reachable(ctx, parent, parent.id);
  return businessComment(ctx, {
    platform: parent.platform,
    assetId: parent.assetId,
    objectId: parent.objectId,
    parentId: parent.parentId ?? parent.id,
  });
}

function moderate(ctx: GraphContext): unknown {
  const c = live(ctx.world, ctx.params.id)!;
  reachable(ctx, c, c.id);
  requireScope(ctx.auth, c.platform === 'facebook' ? 'pages_manage_engagement' : 'instagram_manage_comments');
  const flag = ctx.args.str(c.platform === 'facebook' ? 'is_hidden' : 'hide');
  if (flag === undefined)
    throw GraphErrors.missingParameter(c.platform === 'facebook' ? 'is_hidden' : 'hide');
  c.hidden = flag === 'true';
  return { success: true };
}

function remove(ctx: GraphContext): unknown {
  const c = live(ctx.world, ctx.params.id)!;
  reachable(ctx, c, c.id);
  requireScope(ctx.auth, c.platform === 'facebook' ? 'pages_manage_engagement' : 'instagram_manage_comments');
  c.deleted = true;
  return { success: true };
}

function getComment(ctx: GraphContext): unknown {
  const c = live(ctx.world, ctx.params.id)!;
  reachable(ctx, c, c.id);
  return renderComment(c, true);
}

export function registerCommentRoutes(r: GraphRouteRegistry): void {
  r.on(PAGE_CONTRACTS.postComments, listObjectComments, isFbPost)
    .on(INSTAGRAM_CONTRACTS.mediaComments, listObjectComments, isIgMedia)
    .on(PAGE_CONTRACTS.commentOnPost, commentOnObject, isFbPost)
    .on(INSTAGRAM_CONTRACTS.commentOnMedia, commentOnObject, isIgMedia)
    .on(PAGE_CONTRACTS.commentReplies, listReplies, isFbComment)
    .on(PAGE_CONTRACTS.replyToComment, replyToComment, isFbComment)
    .on(INSTAGRAM_CONTRACTS.replies, listReplies, isIgComment)
    .on(INSTAGRAM_CONTRACTS.reply, replyToComment, isIgComment)
    .on(PAGE_CONTRACTS.hideComment, moderate, isFbComment)
    .on(INSTAGRAM_CONTRACTS.hideComment, moderate, isIgComment)
    .on(PAGE_CONTRACTS.deleteComment, remove, isFbComment)
    .on(INSTAGRAM_CONTRACTS.deleteComment, remove, isIgComment)
    .on(PAGE_CONTRACTS.comment, getComment, isFbComment)
    .on(INSTAGRAM_CONTRACTS.comment, getComment, isIgComment);
}
